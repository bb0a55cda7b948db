//! The flags that take one word of a closed set (`--kind`, `--field`, `--by`): clap's value
//! enums, each the mirror of a library enum it converts into, so that clap stays in the binary.

use whosaid::index::facets::FacetField as LibFacetField;
use whosaid::index::timeline::Interval as LibInterval;
use whosaid::index::types::KindFilter as LibKindFilter;
use whosaid::index::who::Pivot as LibPivot;

/// Declares a clap value enum with the variants (and their help) of the library enum `$lib`,
/// and its conversion into it.
macro_rules! mirror {
    ($(#[$meta:meta])* $name:ident => $lib:ident { $($(#[$vmeta:meta])* $variant:ident,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl From<$name> for $lib {
            fn from(v: $name) -> $lib {
                match v {
                    $($name::$variant => $lib::$variant,)+
                }
            }
        }
    };
}

mirror! {
    /// Which documents to return.
    KindFilter => LibKindFilter {
        /// Direct quotations.
        Direct,
        /// Reported speech.
        Indirect,
        /// Any statement (direct or indirect).
        Statement,
        /// Paragraphs and other passages.
        Passage,
        /// One document per article holding its headline and address (for `title:` queries).
        Article,
    }
}

mirror! {
    /// The facet to count.
    FacetField => LibFacetField {
        /// Canonical speakers.
        Speaker,
        /// Speakers' countries.
        Country,
        /// Statement topics (hierarchical).
        Topic,
        /// Outlets.
        Source,
        /// The sources' own topic labels.
        SourceTopic,
        /// Names the articles used for speakers.
        Alias,
        /// Speakers' roles as written.
        Role,
    }
}

mirror! {
    /// What to group the matching statements by.
    Pivot => LibPivot {
        /// The canonical speaker.
        Speaker,
        /// The speaker's country.
        Country,
        /// The statement's topic.
        Topic,
    }
}

mirror! {
    /// The length of a timeline's intervals.
    Interval => LibInterval {
        /// Calendar days.
        Day,
        /// ISO weeks, Monday to Sunday.
        Week,
        /// Calendar months.
        Month,
        /// Calendar years.
        Year,
    }
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum;
    use whosaid::index::types::Choice;

    use super::*;

    /// Every flag value is the word the library's [`Choice`] names its value by, in the same
    /// order.
    fn same_words<C: ValueEnum + Into<L> + Copy, L: Choice + PartialEq + std::fmt::Debug>() {
        let cli: Vec<String> = C::value_variants()
            .iter()
            .map(|v| v.to_possible_value().unwrap().get_name().to_string())
            .collect();
        let lib: Vec<String> = L::ALL.iter().map(|v| v.name().to_string()).collect();
        assert_eq!(cli, lib);
        for v in C::value_variants() {
            let word = v.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(L::from_name(&word), Some((*v).into()));
        }
    }

    #[test]
    fn the_flags_name_the_values_as_the_library_does() {
        same_words::<KindFilter, LibKindFilter>();
        same_words::<FacetField, LibFacetField>();
        same_words::<Pivot, LibPivot>();
        same_words::<Interval, LibInterval>();
    }
}
