#!/usr/bin/env python3
"""Writes a replica world and a footnoted Markdown report that cites it, for
bench/verify/linkchecker_bench.sh.

Usage: make_bench_report.py OUT_DIR [CITATIONS]   (default 500)

OUT_DIR/world.json  the replica world (docs/world-format.md): recordings on
                    webtv.un.org (with transcripts), documents on docs.un.org,
                    and synthetic pages on four other un.org hosts.
OUT_DIR/report.md   one footnote per citation, as an editor writes them:
                    40% recordings (some cited twice at another moment),
                    20% documents, 40% other pages; about 2% of the pages and
                    documents do not exist (404).
OUT_DIR/urls.txt    the cited URLs in report order, one a line (duplicates
                    kept), for LinkChecker --stdin.
OUT_DIR/hosts       "127.0.0.1 HOST" for every host the report names.
Deterministic: the same arguments give the same files.
"""
import json
import random
import sys

PAGE_HOSTS = ["www.un.org", "news.un.org", "press.un.org", "digitallibrary.un.org"]
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def asset_id(rng):
    return "k1" + "".join(rng.choice(ALPHABET) for _ in range(8))


def clock(seconds):
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) == 3 else 500
    rng = random.Random(20261201)

    n_rec = n * 2 // 5
    n_doc = n // 5
    n_page = n - n_rec - n_doc
    distinct_rec = max(1, n_rec * 3 // 4)  # a quarter cite a recording again

    recordings = []
    for i in range(distinct_rec):
        day = 1 + i % 28
        month = 1 + i // 28 % 12
        duration_s = 3600 + rng.randrange(3 * 3600)
        recordings.append({
            "asset_id": asset_id(rng),
            "title": f"Security Council, {9000 + i}th meeting",
            "body": "Security Council",
            "date": f"2024-{month:02d}-{day:02d}",
            "start_time": f"2024-{month:02d}-{day:02d}T10:00:00-04:00",
            "duration_ms": duration_s * 1000,
            "languages": ["English", "Original"],
            "categories": ["Meetings & Events", "Security Council"],
            "pv_symbol": f"S/PV.{9000 + i}",
            "transcript": {"language": "en", "statements": [
                {"start": float(s), "speaker": {"name": f"Speaker {s}", "affiliation": "FRA",
                                                "affiliation_full": "France"},
                 "sentences": [{"text": f"Statement at {s} seconds.", "start": float(s),
                                "end": float(s + 30)}]}
                for s in range(0, duration_s, 600)]},
        })

    documents = [{"symbol": f"A/RES/78/{100 + i}", "title": f"Resolution 78/{100 + i}"}
                 for i in range(n_doc)]
    per_host = -(-n_page // len(PAGE_HOSTS))
    synthetic = [{"host": h, "path_prefix": "/page/", "count": per_host, "bytes": 4096}
                 for h in PAGE_HOSTS]

    footnotes = []
    for i in range(n_rec):
        r = recordings[i % distinct_rec]
        y, m, d = r["date"].split("-")
        at = rng.randrange(r["duration_ms"] // 1000)
        url = f"https://webtv.un.org/en/asset/{r['asset_id'][:3]}/{r['asset_id']}"
        footnotes.append((f"{r['title']}, UN Web TV, {int(d)} {MONTHS[int(m) - 1]} {y} "
                          f"(starting at {clock(at)}), {url}", url))
    for i in range(n_doc):
        symbol = documents[i]["symbol"] if rng.random() > 0.02 else f"A/RES/78/{9000 + i}"
        url = f"https://docs.un.org/{symbol}"
        footnotes.append((f"General Assembly resolution {symbol[6:]}, {symbol}, {url}", url))
    for i in range(n_page):
        host = PAGE_HOSTS[i % len(PAGE_HOSTS)]
        page = i // len(PAGE_HOSTS) if rng.random() > 0.02 else per_host + i
        url = f"https://{host}/page/{page}"
        footnotes.append((f"Press release {i + 1}, {url}", url))
    rng.shuffle(footnotes)

    with open(f"{out}/world.json", "w") as f:
        json.dump({"recordings": recordings, "documents": documents, "synthetic": synthetic}, f)
    with open(f"{out}/report.md", "w") as f:
        f.write("# Benchmark report\n\n")
        for k in range(0, len(footnotes), 5):
            refs = "".join(f"[^{j + 1}]" for j in range(k, min(k + 5, len(footnotes))))
            f.write(f"The Council met and heard statements.{refs}\n\n")
        for j, (text, _) in enumerate(footnotes):
            f.write(f"[^{j + 1}]: {text}\n")
    with open(f"{out}/urls.txt", "w") as f:
        f.writelines(url + "\n" for _, url in footnotes)
    hosts = ["webtv.un.org", "media.un.org", "cdnapisec.kaltura.com", "transcripts.un.org",
             "docs.un.org", "undocs.org", "archive.org", "web.archive.org"] + PAGE_HOSTS
    with open(f"{out}/hosts", "w") as f:
        f.write("127.0.0.1 localhost\n")
        f.writelines(f"127.0.0.1 {h}\n" for h in hosts)
    print(f"{len(footnotes)} citations: {n_rec} recordings ({distinct_rec} distinct), "
          f"{n_doc} documents, {n_page} pages on {len(PAGE_HOSTS)} hosts")


if __name__ == "__main__":
    main()
