//! `whosaid serve` over real HTTP: the API's answers (parsed as JSON and compared with the CLI's
//! `--json`, since one implementation serves both), its 400s, escaping of article text in the
//! page, CORS, and new commits of a concurrent `whosaid index` found without a restart.

mod util;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use util::*;

/// Articles in three countries over two years; one holds markup in its title and its words.
fn corpus(d: &Dir) {
    d.write(
        "corpus/geneva.txt",
        "---\nsource: Example Wire\ndate: 2022-01-21\nurl: https://example.org/geneva\n---\n\
         Talks in Geneva\n\n\
         “We will keep talking about the pipeline,” Russian Foreign Minister Sergei Lavrov said.\n\n\
         “The sanctions on the pipeline will be severe,” US Secretary of State Antony Blinken said.\n\n\
         Lavrov said the pipeline talks would go on next week.\n",
    );
    d.write(
        "corpus/berlin.txt",
        "---\nsource: Example Post\ndate: 2022-02-03\n---\nBerlin weighs the pipeline\n\n\
         “Cutting banks off from Swift is not the sharpest sword against the pipeline,” German \
         Foreign Minister Annalena Baerbock said.\n",
    );
    d.write(
        "corpus/markup.txt",
        "---\nsource: Example Daily\ndate: 2021-06-10\n---\n<b>Markup</b> in a headline\n\n\
         “<script>alert('owned')</script> is what the pipeline hackers typed,” security \
         researcher Jane Doe said.\n",
    );
}

fn index() -> Dir {
    let d = Dir::new();
    corpus(&d);
    let o = d.run(&["index", "corpus", "--index", "idx", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    d
}

/// A running `whosaid serve`, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    /// `whosaid serve` on the test index, on a free port, with `extra` flags.
    fn start(d: &Dir, extra: &[&str]) -> Server {
        let mut args = vec!["serve", "--index", "idx", "--addr", "127.0.0.1:0"];
        args.extend_from_slice(extra);
        Server::spawn(d, &args)
    }

    /// `whosaid ARGS`, once it says where it listens.
    fn spawn(d: &Dir, args: &[&str]) -> Server {
        let mut cmd: Command = d.cmd();
        cmd.args(args).stdout(Stdio::null()).stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start whosaid serve");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let mut said = Vec::new();
        let addr = loop {
            let Some(Ok(line)) = lines.next() else {
                panic!("whosaid serve ended saying: {}", said.join("\n"));
            };
            if let Some(a) = line.strip_prefix("listening on http://") {
                break a.to_string();
            }
            said.push(line);
        };
        // Keep reading stderr so that the server never blocks on it.
        std::thread::spawn(move || for _ in lines {});
        Server { child, addr }
    }

    /// `GET path`: (status, headers in lower case, body).
    fn get(&self, path: &str) -> (u16, String, String) {
        self.request("GET", path, "")
    }

    fn request(&self, method: &str, path: &str, extra: &str) -> (u16, String, String) {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\n{extra}Connection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("read the answer");
        let text = String::from_utf8(raw).expect("UTF-8 answer");
        let (head, body) = text.split_once("\r\n\r\n").expect("headers and body");
        let status = head[9..12].parse().expect("status");
        let head = head.to_lowercase();
        let body = if head.contains("transfer-encoding: chunked") {
            unchunk(body)
        } else {
            body.to_string()
        };
        (status, head, body)
    }

    /// `GET path`, expecting `status` and a JSON body.
    fn json(&self, path: &str, status: u16) -> Value {
        let (st, head, body) = self.get(path);
        assert_eq!(st, status, "{path}: {body}");
        assert!(head.contains("content-type: application/json"), "{head}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: not JSON ({e}): {body}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The body of a chunked answer.
fn unchunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        body = &rest[n + 2..];
    }
    out
}

/// The CLI's `--json` output of `args` on the test index.
fn cli(d: &Dir, args: &[&str]) -> Vec<Value> {
    let mut all = args.to_vec();
    all.extend(["--index", "idx", "--json"]);
    let o = d.run(&all);
    assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
    json_lines(&o)
}

#[test]
fn the_api_answers_as_the_cli_does() {
    let d = index();
    let s = Server::start(&d, &[]);
    let r = s.json("/api/search?q=pipeline&facets=1&limit=3", 200);
    assert_eq!(r["total"], 11, "statements and passages: {r}");
    let hits = r["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3);
    let lines = cli(&d, &["search", "pipeline", "--facets", "-n", "3"]);
    assert_eq!(hits[..], lines[..3], "the same hits as search --json");
    assert_eq!(r["facets"], lines[3]["facets"]);
    assert!(r.get("why_empty").is_none());
    let second = s.json("/api/search?q=pipeline&limit=1&offset=1", 200);
    assert_eq!(second["hits"][0]["id"], hits[1]["id"]);
    assert_eq!(second["hits"][0]["rank"], 2);

    let who = s.json("/api/who?q=pipeline&by=country", 200);
    assert_eq!(
        who["rows"].as_array().unwrap()[..],
        cli(&d, &["who", "pipeline", "--by", "country"])[..]
    );
    assert_eq!(who["groups"], who["rows"].as_array().unwrap().len());
    let mut facets = s.json("/api/facets?q=pipeline&field=country", 200);
    assert_eq!(facets["values"][0]["value"], "Russia");
    assert_eq!(
        facets,
        cli(&d, &["facets", "pipeline", "--field", "country"])[0]
    );
    facets = s.json("/api/facets?field=source", 200);
    assert_eq!(facets["values"].as_array().unwrap().len(), 3);
    let t = s.json("/api/timeline?q=pipeline&interval=month", 200);
    assert_eq!(
        t,
        cli(&d, &["timeline", "pipeline", "--by", "month"])[0],
        "the same timeline as the CLI's"
    );
    assert_eq!(
        t["buckets"].as_array().unwrap().len(),
        9,
        "2021-06 to 2022-02"
    );
    let p = s.json("/api/speaker?name=Lavrov&latest=2", 200);
    assert_eq!(p["speaker"], "Sergey Lavrov");
    assert_eq!(p, cli(&d, &["speaker", "Lavrov", "-n", "2"])[0]);
    let c = s.json("/api/check?quote=cutting+banks+off+from+Swift", 200);
    assert_eq!(c["exact"], 1);
    assert_eq!(c["sources"][0]["hit"]["speaker"], "Annalena Baerbock");
    let id = c["sources"][0]["hit"]["id"].as_str().unwrap().to_string();
    let shown = s.json(&format!("/api/show?id={id}&context=1"), 200);
    assert_eq!(shown["title"], "Berlin weighs the pipeline");
    let stats = s.json("/api/stats", 200);
    assert_eq!(stats["articles"], 3);
    assert_eq!(stats["first_date"], "2021-06-10");
    assert_eq!(stats["last_date"], "2022-02-03");
    assert!(stats["statements"].as_u64().unwrap() >= 4, "{stats}");
    assert!(stats["index_bytes"].as_u64().unwrap() > 0);
    assert_eq!(s.json("/healthz", 200)["status"], "ok");
}

#[test]
fn empty_answers_say_why_and_unknown_things_are_404() {
    let d = index();
    let s = Server::start(&d, &[]);
    let r = s.json("/api/search?q=pipeline&country=USA", 200);
    assert_eq!(r["total"], 0);
    let why = r["why_empty"].as_str().unwrap();
    assert!(why.contains("did you mean United States"), "{why}");
    let t = s.json("/api/timeline?q=pipeline&since=2030", 200);
    assert!(t["why_empty"]
        .as_str()
        .unwrap()
        .contains("2021-06-10 to 2022-02-03"));
    let c = s.json("/api/check?quote=nobody+ever+said+this", 200);
    assert!(c["why_empty"].as_str().unwrap().contains("90%"));
    let e = s.json("/api/speaker?name=Lavrof", 404);
    assert!(e["error"].as_str().unwrap().contains("Lavrov"), "{e}");
    let e = s.json("/api/nothing", 404);
    assert!(e["error"].as_str().unwrap().contains("/api/nothing"));
    assert_eq!(
        s.json("/api/show?id=nosuch:1-2", 404)["error"],
        "no article of id 'nosuch:1-2' in the index"
    );
}

#[test]
fn bad_input_is_400_with_the_reason_never_500() {
    let d = index();
    let s = Server::start(&d, &[]);
    let long = format!("/api/search?q={}", "a".repeat(1001));
    let deep = format!("/api/search?q={}x", "(".repeat(40));
    let cases: &[(&str, &str)] = &[
        ("/api/search", "q is required"),
        ("/api/search?q=colour:red", "no field 'colour:'"),
        ("/api/search?q=...", "holds no words"),
        (&deep, "nested"),
        (&long, "at most 1000"),
        (
            "/api/search?q=x&since=2022-02-31",
            "since '2022-02-31' is not a day",
        ),
        (
            "/api/search?q=x&until=yesterday",
            "until 'yesterday' is not a date",
        ),
        ("/api/search?q=x&limit=0", "use 1 to 100"),
        ("/api/search?q=x&limit=101", "use 1 to 100"),
        (
            "/api/search?q=x&limit=99999999999999999999999",
            "not a whole number",
        ),
        ("/api/search?q=x&offset=5000", "use 0 to 1000"),
        ("/api/search?q=x&facets=maybe", "facets 'maybe'"),
        ("/api/search?q=x&kind=tweet", "kind 'tweet' is not one of"),
        ("/api/search?q=x&named_only=maybe", "named_only 'maybe'"),
        (
            "/api/search?q=x&speakr=Lavrov",
            "unknown parameter 'speakr'",
        ),
        ("/api/facets?field=colour", "field 'colour' is not one of"),
        ("/api/who?q=x&by=planet", "by 'planet' is not one of"),
        (
            "/api/timeline?q=x&interval=fortnight",
            "no interval 'fortnight'",
        ),
        (
            "/api/timeline?q=x&speakers=1000",
            "speakers 1000 is out of range",
        ),
        ("/api/check?quote=x&min_coverage=2", "min_coverage '2'"),
        ("/api/check?quote=...", "no words"),
        ("/api/speaker", "name is required"),
        (
            "/api/speaker?name=Lavrov&speaker=x",
            "unknown parameter 'speaker'",
        ),
        ("/api/show?id=x&context=999", "context 999 is out of range"),
        ("/api/stats?x=1", "unknown parameter 'x'"),
    ];
    for (path, want) in cases {
        let e = s.json(path, 400);
        let msg = e["error"].as_str().unwrap_or_else(|| panic!("{path}: {e}"));
        assert!(msg.contains(want), "{path}: '{msg}' should say '{want}'");
    }
    // No endpoint writes.
    let (status, _, _) = s.request("POST", "/api/search?q=x", "Content-Length: 0\r\n");
    assert_eq!(status, 405);
    let (status, _, _) = s.request("DELETE", "/", "");
    assert_eq!(status, 405);
}

#[test]
fn article_text_is_escaped_everywhere_in_the_page() {
    let d = index();
    let s = Server::start(&d, &[]);
    for path in [
        "/?q=hackers",
        "/?q=owned",
        "/speaker/Jane%20Doe",
        "/check?quote=is+what+the+pipeline+hackers+typed",
    ] {
        let (status, head, body) = s.get(path);
        assert_eq!(status, 200, "{path}: {body}");
        assert!(head.contains("content-type: text/html"), "{head}");
        assert!(
            head.contains("content-security-policy: default-src 'none'"),
            "{head}"
        );
        assert!(body.contains("&lt;script&gt;alert("), "{path}: {body}");
        assert!(
            !body.contains("<script>alert"),
            "{path} runs the article's script"
        );
        if path.starts_with("/?") {
            assert!(
                body.contains("&lt;b&gt;Markup&lt;/b&gt;"),
                "{path}: the title"
            );
            assert!(!body.contains("<b>Markup"), "{path}");
        }
    }
    // The page's own script is the only one, and it is served from the binary.
    let (status, head, js) = s.get("/assets/app.js");
    assert_eq!(status, 200);
    assert!(head.contains("text/javascript"));
    assert!(js.contains("addEventListener"));
    assert_eq!(s.get("/assets/app.css").0, 200);
    assert_eq!(s.get("/assets/nothing.css").0, 404);
}

#[test]
fn every_page_state_is_a_link() {
    let d = index();
    let s = Server::start(&d, &[]);
    let (status, _, page) = s.get("/?q=pipeline");
    assert_eq!(status, 200);
    // The facet sidebar adds a filter; the timeline narrows the dates; speakers have pages.
    assert!(
        page.contains("href=\"/?q=pipeline&amp;country=Germany\""),
        "{page}"
    );
    assert!(page.contains("href=\"/?q=pipeline&amp;since=2022-01-01&amp;until=2022-01-31\""));
    assert!(page.contains("href=\"/speaker/Annalena%20Baerbock\""));
    assert!(page.contains("Annalena Baerbock") && page.contains("Germany"));
    assert!(page.contains("(evidence: "), "a country says its evidence");
    let (_, _, named) = s.get("/?q=pipeline&named_only=1");
    assert!(named.contains("named speakers only"), "{named}");
    assert!(named.contains("name=\"named_only\" value=\"1\" form=\"search\" checked"));
    let (_, _, narrowed) = s.get("/?q=pipeline&country=Germany");
    assert!(narrowed.contains("1 matching document"), "{narrowed}");
    assert!(narrowed.contains("aria-label=\"Remove the filter country: Germany\""));
    assert!(
        narrowed.contains("href=\"/?q=pipeline\""),
        "the chip removes the filter"
    );
    let (_, _, speaker) = s.get("/speaker/Lavrov");
    assert!(speaker.contains("<h1>Sergey Lavrov</h1>"), "{speaker}");
    assert!(speaker.contains("Russia"));
    let (status, _, bad) = s.get("/?q=x&since=2022-13");
    assert_eq!(status, 400);
    assert!(
        bad.contains("since &#39;2022-13&#39;") || bad.contains("since '2022-13'"),
        "{bad}"
    );
    let (status, _, home) = s.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("Most quoted"), "{home}");
    let (status, _, missing) = s.get("/nothing/here");
    assert_eq!(status, 404);
    assert!(missing.contains("no page at /nothing/here"));
}

#[test]
fn cors_headers_only_for_the_origin_given() {
    let d = index();
    let plain = Server::start(&d, &[]);
    let (_, head, _) = plain.get("/api/stats");
    assert!(!head.contains("access-control-allow-origin"), "{head}");
    assert!(head.contains("server-timing: search;dur="), "{head}");
    drop(plain);
    let s = Server::start(&d, &["--cors", "http://localhost:8888"]);
    let (_, head, _) = s.get("/api/stats");
    assert!(
        head.contains("access-control-allow-origin: http://localhost:8888"),
        "{head}"
    );
    let (status, head, _) = s.request(
        "OPTIONS",
        "/api/search?q=x",
        "Origin: http://localhost:8888\r\n",
    );
    assert_eq!(status, 204);
    assert!(head.contains("access-control-allow-methods: get"), "{head}");
    let o = d.run(&["serve", "--index", "idx", "--cors", "*"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("not an origin"), "{}", stderr(&o));
}

#[test]
fn new_commits_of_a_concurrent_index_are_found_without_a_restart() {
    let d = index();
    let s = Server::start(&d, &[]);
    let path = "/api/search?q=zeppelin";
    assert_eq!(s.json(path, 200)["total"], 0);
    let before = s.json("/api/stats", 200)["articles"].as_u64().unwrap();
    d.write(
        "more/zeppelin.txt",
        "---\nsource: Example Wire\ndate: 2022-03-01\n---\nAirships return\n\n\
         “The zeppelin will fly again,” engineer Max Mustermann said.\n",
    );
    let o = d.run(&["index", "more", "--index", "idx", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let r = s.json(path, 200);
        if r["total"].as_u64().unwrap_or(0) > 0 {
            assert_eq!(r["hits"][0]["speaker"], "Max Mustermann");
            break;
        }
        assert!(Instant::now() < deadline, "the new article was never found");
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(s.json("/api/stats", 200)["articles"], before + 1);
    let (_, _, page) = s.get("/?q=zeppelin");
    assert!(page.contains("Max Mustermann"));
}

#[test]
fn the_default_address_is_this_machine_and_a_taken_port_is_an_error() {
    let d = index();
    let o = d.run(&["serve", "--help"]);
    assert!(stdout(&o).contains("127.0.0.1:7700"), "{}", stdout(&o));
    let s = Server::start(&d, &[]);
    assert!(s.addr.starts_with("127.0.0.1:"));
    let o = d.run(&["serve", "--index", "idx", "--addr", &s.addr]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("cannot listen on"), "{}", stderr(&o));
    let o = d.run(&["serve", "--index", "nothing"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no index at nothing"), "{}", stderr(&o));
}

#[test]
fn a_fresh_clone_serves_the_bundled_corpus() {
    let d = with_corpus();
    let s = Server::spawn(&d, &["serve", "--addr", "127.0.0.1:0"]);
    let r = s.json("/api/search?q=Swift&facets=1", 200);
    assert_eq!(
        r["facets"]["speaker"][0]["value"], "Annalena Baerbock",
        "{r}"
    );
    assert!(
        d.join("index/meta.json").is_file(),
        "the default index was built"
    );
}

#[test]
fn answers_asked_again_come_from_the_cache_and_errors_never_do() {
    let d = index();
    let s = Server::start(&d, &[]);
    let path = "/api/search?q=Swift&facets=1";
    let (st, head1, body1) = s.get(path);
    assert_eq!(st, 200, "{body1}");
    assert!(head1.contains("x-cache: miss"), "{head1}");
    let (st, head2, body2) = s.get(path);
    assert_eq!(st, 200);
    assert!(head2.contains("x-cache: hit"), "{head2}");
    assert!(head2.contains("content-type: application/json"), "{head2}");
    assert!(head2.contains("content-security-policy"), "{head2}");
    let (a, b): (Value, Value) = (
        serde_json::from_str(&body1).unwrap(),
        serde_json::from_str(&body2).unwrap(),
    );
    assert_eq!(a, b);
    assert!(a["total"].as_u64().unwrap() > 0);
    // Another query string is another answer.
    let (_, head3, _) = s.get("/api/search?q=Swift&facets=1&limit=1");
    assert!(head3.contains("x-cache: miss"), "{head3}");
    // A 400 is never kept.
    for _ in 0..2 {
        let (st, head, _) = s.get("/api/search?q=Swift&limit=999999999");
        assert_eq!(st, 400);
        assert!(!head.contains("x-cache"), "{head}");
    }
    // --cache 0 keeps nothing.
    let off = Server::start(&d, &["--cache", "0"]);
    for _ in 0..2 {
        let (st, head, _) = off.get(path);
        assert_eq!(st, 200);
        assert!(!head.contains("x-cache"), "{head}");
    }
}
