//! Name keys: one identity for a speaker across spellings and transliterations.
//!
//! "Sergei Lavrov" and "Sergey Lavrov", "Zelenskiy", "Zelenskyy" and "Zelensky" share a key, so
//! that the index can give them one facet value and a `--speaker` filter can match any of them.
//! Pure string functions; nothing here knows about articles or the index.

/// Folds one name word: lowercase, accents removed, apostrophes dropped, and transliteration
/// endings (`-yy`, `-iy`, `-ei`, `-ey`, `-y`, `-i`) cut, so variants meet.
///
/// ```
/// use whosaid::names::fold_word;
/// assert_eq!(fold_word("Zelenskyy"), fold_word("Zelensky"));
/// assert_eq!(fold_word("Zelenskiy"), fold_word("Zelensky"));
/// assert_eq!(fold_word("Sergei"), fold_word("Sergey"));
/// assert_eq!(fold_word("Müller"), "muller");
/// ```
pub fn fold_word(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    fold_word_into(w, &mut s);
    s
}

/// [`fold_word`] written at the end of `out`.
fn fold_word_into(w: &str, out: &mut String) {
    let start = out.len();
    // Most words are plain ASCII letters and digits: copied whole, then lowercased.
    if w.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push_str(w);
        out[start..].make_ascii_lowercase();
    } else {
        fold_chars_into(w, out);
    }
    cut_ending(out, start);
}

/// Cuts the transliteration ending (`-yy`, `-iy`, `-ij`, `-ei`, `-ey`, `-y`, `-i`) of the folded
/// word that starts at byte `start` of `out`, leaving three letters at least.
fn cut_ending(out: &mut String, start: usize) {
    // Every ending below ends in one of these bytes: most words are spared the loop.
    if out.len() <= start || !out.ends_with(['y', 'i', 'j']) {
        return;
    }
    for end in ["yy", "iy", "ij", "ei", "ey", "y", "i"] {
        if out.len() - start > end.len() + 2 && out.ends_with(end) {
            out.truncate(out.len() - end.len());
            break;
        }
    }
}

/// The chars of `w` folded one by one at the end of `out`: lowercase, accents removed, all
/// but letters and digits dropped.
fn fold_chars_into(w: &str, out: &mut String) {
    for c in w.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
            continue;
        }
        for l in c.to_lowercase() {
            match fold_char(l) {
                Some(f) => out.push_str(f),
                None if l.is_alphanumeric() => out.push(l),
                None => {}
            }
        }
    }
}

fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// The key of a full name: its folded words joined by single spaces.
///
/// ```
/// use whosaid::names::name_key;
/// assert_eq!(name_key("Sergei Lavrov"), name_key("Sergey  Lavrov"));
/// ```
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    name_key_into(name, &mut key);
    key
}

/// [`name_key`] written at the end of `key`, which must be empty (a buffer kept from call to
/// call).
pub fn name_key_into(name: &str, key: &mut String) {
    if name.is_ascii() {
        ascii_name_key_into(name.as_bytes(), key);
    } else {
        words_name_key_into(name, key);
    }
}

/// [`name_key_into`] word by word, for any name.
fn words_name_key_into(name: &str, key: &mut String) {
    for w in name.split(|c: char| c.is_whitespace() || c == '-' || c == '.') {
        let before = key.len();
        if before > 0 {
            key.push(' ');
        }
        let word = key.len();
        fold_word_into(w, key);
        if key.len() == word {
            key.truncate(before);
        }
    }
}

/// [`name_key_into`] of an ASCII name, byte by byte: the same key without a pass per word.
fn ascii_name_key_into(name: &[u8], key: &mut String) {
    let mut word = key.len();
    for &b in name {
        match b {
            // The separators of `name_key_into`: ASCII whitespace, hyphens and periods.
            b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b'-' | b'.' => {
                word = end_ascii_word(key, word);
            }
            // Letters and digits, lowercased; all else is dropped, as `fold_chars_into` does.
            b if b.is_ascii_alphanumeric() => {
                if key.len() == word && word > 0 {
                    key.push(' ');
                    word += 1;
                }
                key.push(char::from(b.to_ascii_lowercase()));
            }
            _ => {}
        }
    }
    end_ascii_word(key, word);
}

/// Ends the word of `key` that starts at byte `word` (after its space, if any): its
/// transliteration ending is cut ([`cut_ending`]). Returns where the next word starts.
fn end_ascii_word(key: &mut String, word: usize) -> usize {
    cut_ending(key, word);
    key.len()
}

/// The folded surname: the last word of the key.
pub fn surname_key(name: &str) -> Option<String> {
    let mut key = name_key(name);
    if let Some(space) = key.rfind(' ') {
        key.drain(..=space);
    }
    (!key.is_empty()).then_some(key)
}

/// Cleans a name picked out of scraped text: a word glued to the next one by a lost space
/// (`PelosiOvernight`, a lowercase run then a capital, where the part before the glue is a word
/// the name also holds on its own) ends the name there, and a name said twice in a row (`Nancy
/// Pelosi Nancy Pelosi`), or a short form of it before or after it, is kept once. Prefixes such
/// as `McConnell`, `DeVos`, `MacArthur` (fewer than three lowercase letters before the capital)
/// and names in two capitals (`WikiLeaks`, `SpaceX`) are left alone.
///
/// ```
/// use whosaid::names::clean_name;
/// assert_eq!(clean_name("Nancy Pelosi Nancy PelosiOvernight Health Care"), "Nancy Pelosi");
/// assert_eq!(clean_name("Trump Donald John TrumpGOP"), "Donald John Trump");
/// assert_eq!(clean_name("John Kennedy John Neely Kennedy"), "John Neely Kennedy");
/// assert_eq!(clean_name("Donald Trump Trump"), "Donald Trump");
/// assert_eq!(clean_name("Boutros Boutros-Ghali"), "Boutros Boutros-Ghali");
/// assert_eq!(clean_name("Bank of England Bank"), "Bank of England Bank");
/// assert_eq!(clean_name("Mitch McConnell"), "Mitch McConnell");
/// assert_eq!(clean_name("Betsy DeVos"), "Betsy DeVos");
/// assert_eq!(clean_name("WikiLeaks"), "WikiLeaks");
/// assert_eq!(clean_name("SpaceX founder Elon Musk"), "SpaceX founder Elon Musk");
/// ```
pub fn clean_name<'a>(name: &'a str) -> String {
    let all: Vec<&str> = name.split_whitespace().collect();
    let mut words: Vec<&str> = Vec::new();
    for (k, w) in all.iter().enumerate() {
        let mut lower_run = 0;
        let mut cut = None;
        for (i, c) in w.char_indices() {
            if c.is_lowercase() {
                lower_run += 1;
            } else if c.is_uppercase() && lower_run >= 3 {
                // Glued text ("PelosiOvernight") repeats a word of the name before the glue;
                // a name written in two capitals ("WikiLeaks", "SpaceX") does not.
                let head = &w[..i];
                let repeated = all
                    .iter()
                    .enumerate()
                    .any(|(j, x)| j != k && x.eq_ignore_ascii_case(head));
                if repeated {
                    cut = Some(i);
                }
                break;
            } else {
                lower_run = 0;
            }
        }
        match cut {
            Some(i) => {
                words.push(&w[..i]);
                break;
            }
            None => words.push(w),
        }
    }
    // A short form and the full name in a row (`Trump Donald John Trump`, `Donald Trump
    // Trump`): the side whose words hold all of the other's. Only for a person's name, every
    // word capitalised (not "European Commission of the European Union").
    let capitalised = words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let within = |a: &[&str], b: &[&str]| {
        a.iter()
            .all(|w| b.iter().any(|x| x.eq_ignore_ascii_case(w)))
    };
    let shorter = |words: &[&'a str]| {
        (1..words.len()).find_map(|k| {
            let (a, b) = words.split_at(k);
            if within(a, b) {
                Some(b.to_vec())
            } else if within(b, a) {
                Some(a.to_vec())
            } else {
                None
            }
        })
    };
    if capitalised {
        while let Some(w) = shorter(&words) {
            words = w;
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-by-byte key of an ASCII name is the word-by-word key.
    #[test]
    fn ascii_keys_are_the_keys_word_by_word() {
        let names = [
            "Sergei Lavrov",
            "Sergey  Lavrov",
            "George H. W. Bush",
            "Alexandria Ocasio-Cortez",
            "Beto O'Rourke",
            "Zelenskyy",
            "Zelenskiy",
            "Dmitry Peskov",
            "Haider al-Abadi",
            " - . Ray ",
            "Ji",
            "Yi Li",
            "Volodymyr\tZelensky\n",
            "the U.S. Department of Justice (DOJ)",
            "A-B-C",
            "'",
            "",
            "McConnell's office",
            "Ross Ulbricht, 31",
        ];
        for n in names {
            let (mut fast, mut slow) = (String::new(), String::new());
            ascii_name_key_into(n.as_bytes(), &mut fast);
            words_name_key_into(n, &mut slow);
            assert_eq!(fast, slow, "{n:?}");
        }
        assert_eq!(name_key("George H. W. Bush"), "george h w bush");
        assert_eq!(name_key("Sergey  Lavrov"), name_key("Sergei Lavrov"));
    }
}
