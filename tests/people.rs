//! The knowledge base of public figures: the build script re-run on its fixture, and the
//! `--people` flag of `extract` and `index` (a good file is taken, a bad one is an error naming
//! its line).

mod util;

use std::process::Command;

use util::*;

#[test]
fn build_script_on_the_fixture_gives_the_expected_table() {
    let script = root().join("scripts/people/build.py");
    let fixtures = root().join("scripts/people/fixtures");
    let run = Command::new("python3")
        .arg(&script)
        .arg("--fixtures")
        .arg(&fixtures)
        .args(["--as-of", "2024-01-01", "--out", "-"])
        .output();
    let out = match run {
        Ok(o) => o,
        Err(e) => {
            eprintln!("skipped: python3 is not available ({e}); the build script was not run");
            return;
        }
    };
    assert!(out.status.success(), "{}", stderr(&out));
    let got = stdout(&out);
    let want = std::fs::read_to_string(fixtures.join("expected.tsv")).expect("expected.tsv");
    assert_eq!(
        got, want,
        "help: re-run the script on the fixture and compare"
    );
    // The output is a valid people file.
    let people = whosaid::extract::people::People::parse(&got, "fixture").expect("parses");
    let bush = people.lookup("George H. W. Example");
    assert_eq!(bush.len(), 1);
    assert_eq!(people.person(bush[0]).name, "George H. W. Example");
}

#[test]
fn shipped_table_is_a_valid_people_file_of_sensible_size() {
    let path = root().join("data/people/people.tsv");
    let bytes = std::fs::metadata(&path).expect("people.tsv").len();
    assert!(bytes < 3_000_000, "{bytes} bytes");
    let people = whosaid::extract::people::People::load(&path).expect("parses");
    assert!(people.len() > 5_000, "{} people", people.len());
}

#[test]
fn people_flag_takes_a_good_file_and_names_the_line_of_a_bad_one() {
    let d = with_corpus();
    d.write(
        "people.tsv",
        "# mine\nAda Example\tAda B. Example\tf\tUnited Kingdom\tUK MP (Somewhere):2010-\n",
    );
    let o = d.run(&["extract", "corpus", "--people", "people.tsv", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!json_lines(&o).is_empty());

    d.write("bad.tsv", "# mine\nAda Example\t\tf\tAtlantis\n");
    for cmd in [&["extract", "corpus"][..], &["index", "--quiet"][..]] {
        let mut args = cmd.to_vec();
        args.extend(["--people", "bad.tsv"]);
        let o = d.run(&args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("bad.tsv:2:"), "{args:?}: {err}");
        assert!(err.contains("Atlantis"), "{args:?}: {err}");
    }
    let o = d.run(&["extract", "corpus", "--people", "missing.tsv"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("missing.tsv"), "{}", stderr(&o));
}
