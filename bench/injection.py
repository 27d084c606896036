"""Prompt-injection defences side by side: the phrasing rules as of the branch point (``--old-rev``, read from git)
and the act recogniser of this tree, on the same generated hostile articles and the same real news.

    .venv/bin/python -m tests.support.hostile_gen --out /tmp/hostile [--count 3000] [--seed 23] [--vocabulary N]
    .venv/bin/python bench/injection.py /tmp/hostile [--old-rev e6d295e] [--val DIR]

- leak rate: generated articles (a folder written by tests/support/hostile_gen.py, with its manifest.json:
  bench neither imports nor runs anything of tests/) whose planted marker reaches the text the model reads
  (the article's text or title);
- false positives on the generated set: the neutral body's sentences that were left out with the message;
- false positives on real news: sentences left out of the seed articles and the dev set (a count per set),
  and sentences of evals/injection/kept-news.txt judged meta-text;
- ``--val DIR``: the number of sentences left out over a whole held-out set, one total per defence and
  nothing per article (the validation set is used in aggregate only);
- reading time per seed/dev article, each defence in its own process.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVALSETS = Path(os.environ.get("BRIEFER_EVALSETS") or ROOT.parent / "shared" / "evalsets")
DEV = EVALSETS / "giveme5w1h-dev"
KEPT_NEWS = ROOT / "evals" / "injection" / "kept-news.txt"
OLD_REV = "e6d295e"  # the branch point of the act recogniser: the phrasing rules (briefer/read/injections.py)

# Run in each defence's own interpreter (PYTHONPATH: that tree): reads articles, judges sentences, times.
_RUNNER = r'''
import json, re, sys, time
from briefer.read import sources
try:
    from briefer.read.meta import is_meta as judge
except ImportError:
    from briefer.read.injections import addresses_model as judge
task = json.loads(sys.stdin.read())
count = re.compile(r"^(\d+) sentence\(s\) addressed to an AI")
def read(path):
    try:
        a = sources.read_path(path)
    except Exception as exc:
        return "ERROR " + str(exc), 0
    n = sum(int(m.group(1)) for w in a.warnings for m in [count.match(w)] if m)
    return a.title + "\n" + a.text, n
out = {"articles": {}, "sentences": [bool(judge(s)) for s in task["sentences"]], "real": {}}
for item in task["articles"]:
    out["articles"][item] = read(item)[0]
for name, paths in task["real"].items():
    out["real"][name] = [sum(read(p)[1] for p in paths), len(paths)]
timed = task["real"].get("seeds", []) + task["real"].get("dev", [])
best = float("inf")
for _ in range(3):
    started = time.perf_counter()
    for p in timed:
        read(p)
    best = min(best, time.perf_counter() - started)
out["ms"] = best * 1000 / max(len(timed), 1)
print(json.dumps(out))
'''


def _run(tree: Path, task: dict[str, object]) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, "-c", _RUNNER], input=json.dumps(task), capture_output=True, text=True,
                          env=env, cwd=tree, check=False)
    if done.returncode:
        raise SystemExit(f"bench/injection.py: the defence in {tree} failed: {done.stderr.strip()[-400:]}")
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _old_tree(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "briefer"], capture_output=True, check=False)
    if archive.returncode:
        raise SystemExit(f"bench/injection.py: cannot read {rev} from git ({archive.stderr.decode().strip()}); "
                         "give --old-rev a commit of this repository")
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def _sentences_of(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?»”\"])\s+|\n+", text) if len(s.split()) >= 4]


def _norm(text: str) -> str:
    return " ".join(text.split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("generated", type=Path,
                        help="a folder of generated hostile articles and their manifest.json, written by "
                             "`python -m tests.support.hostile_gen --out DIR` (its --vocabulary: 0 tuned on, 1 "
                             "measured once then its missing kinds added, 2 held out)")
    parser.add_argument("--old-rev", default=OLD_REV)
    parser.add_argument("--val", type=Path, help="a held-out set: only its total of sentences left out is printed")
    args = parser.parse_args()
    gen = args.generated.resolve()
    if not (gen / "manifest.json").is_file():
        print(f"bench/injection.py: no manifest.json in {gen}; write the articles first: "
              f"python -m tests.support.hostile_gen --out {gen}", file=sys.stderr)
        return 2
    manifest = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        news = [line.strip() for line in KEPT_NEWS.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
        real = {"seeds": sorted(str(p) for p in (ROOT / "inputs").glob("*.txt")),
                "dev": sorted(str(p) for p in DEV.glob("*.txt")) if DEV.is_dir() else []}
        if args.val:
            real["val"] = sorted(str(p) for p in args.val.glob("*.txt"))
        task = {"articles": [str(gen / m["file"]) for m in manifest], "sentences": news, "real": real}
        old_tree = _old_tree(args.old_rev, Path(tmp) / "old")
        results = {f"old ({args.old_rev})": _run(old_tree, task), "new (this tree)": _run(ROOT, task)}
    rows = []
    by_position: dict[str, dict[str, list[int]]] = {}
    for name, res in results.items():
        read = res["articles"]
        leaked = sum(1 for m in manifest if m["marker"] in read[str(gen / m["file"])])
        neutral = wrongly = 0
        for m in manifest:
            text = _norm(read[str(gen / m["file"])])
            cell = by_position.setdefault(m["position"], {}).setdefault(name, [0, 0, 0])
            cell[2] += m["marker"] in text
            for part in m["neutral"]:
                for sentence in _sentences_of(part):
                    neutral += 1
                    wrongly += _norm(sentence) not in text
                    cell[0] += 1
                    cell[1] += _norm(sentence) not in text
        dropped_seeds, n_seeds = res["real"]["seeds"]
        dropped_dev, n_dev = res["real"]["dev"]
        row = [name, f"{leaked}/{len(manifest)} ({leaked / len(manifest):.1%})",
               f"{wrongly}/{neutral} ({wrongly / max(neutral, 1):.1%})",
               f"{sum(res['sentences'])}/{len(news)}", f"{dropped_seeds} ({n_seeds} art.)",
               f"{dropped_dev} ({n_dev} art.)" if n_dev else "absent", f"{res['ms']:.2f}"]
        if args.val:
            row.append(str(res["real"]["val"][0]))
        rows.append(row)
    head = ["defence", "generated leaked", "generated body sentences dropped", "kept-news flagged",
            "seed sentences dropped", "dev sentences dropped", "ms/article read"]
    if args.val:
        head.append("val sentences dropped (total)")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
    print("\nby position of the planted message: leaked / body sentences dropped, old | new")
    for position, cells in sorted(by_position.items()):
        print(f"  {position:<11}" + " | ".join(f"{c[2]} leaked, {c[1]}/{c[0]} dropped" for c in cells.values()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
