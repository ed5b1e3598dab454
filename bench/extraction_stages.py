"""Where extraction time goes on the bench corpus: the text model, the deal reader and the claims,
ms per document (CPU time, best of RUNS passes), and how much work the corpus gives the deal reader.

    .venv/bin/python bench/extraction_stages.py [CORPUS_FOLDER] [--docs N] [--runs N] [--by-module]

--by-module adds where the time goes by source file (self time under cProfile, which inflates
every call alike): how flat the profile is, i.e. whether one hot spot could pay for a speed-up.

CORPUS_FOLDER defaults to bench/out/corpus-1000 (made by `make bench`).
"""
import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest.build import parse_loaded  # noqa: E402
from ingest.claims import extract_claims  # noqa: E402
from ingest.deals import Reader, extract_deals  # noqa: E402
from ingest.load import load_file  # noqa: E402
from ingest.text import build_text_model  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(REPO / "bench" / "out" / "corpus-1000"))
    parser.add_argument("--docs", type=int, default=200, help="How many articles, in name order.")
    parser.add_argument("--runs", type=int, default=3, help="Passes over them; the fastest counts.")
    parser.add_argument("--by-module", action="store_true", help="Also print self time by source file.")
    args = parser.parse_args()
    documents = [parse_loaded(load_file(path))[0] for path in sorted(Path(args.corpus).iterdir())[:args.docs]]
    best: dict = {}
    for _ in range(args.runs):
        spent = {"text model": 0.0, "deals": 0.0, "claims": 0.0}
        for document in documents:
            started = time.process_time()
            model = build_text_model(document["text"], document.get("published_on"), document.get("language"))
            shaped = time.process_time()
            extract_deals(model)
            read = time.process_time()
            extract_claims(model, document)
            spent["text model"] += shaped - started
            spent["deals"] += read - shaped
            spent["claims"] += time.process_time() - read
        best = {stage: min(seconds, best.get(stage, seconds)) for stage, seconds in spent.items()}
    total = sum(best.values())
    print(" ".join(f"{stage} {seconds / len(documents) * 1000:.2f} ms/doc ({seconds / total:.0%})"
                   for stage, seconds in best.items()), f"| total {total / len(documents) * 1000:.2f} ms/doc")
    sentences = shaped_sentences = mentions = 0
    for document in documents:
        model = build_text_model(document["text"], document.get("published_on"), document.get("language"))
        mentions += len(Reader(model).read())
        sentences += len(model.sentences)
        shaped_sentences += sum(1 for sentence in model.sentences if sentence.shape is not None)
    print(f"per article: {sentences / len(documents):.0f} sentences, {shaped_sentences / sentences:.0%} of them past "
          f"the deal gate, {mentions / len(documents):.0f} deal mentions")
    if args.by_module:
        print_self_time_by_module(documents)


def print_self_time_by_module(documents, top: int = 15) -> None:
    import cProfile
    import collections
    import pstats

    from ingest.pipeline import extract_records
    profile = cProfile.Profile()
    profile.enable()
    for document in documents:
        extract_records(document)
    profile.disable()
    by_module = collections.Counter()
    for (path, _, function), (_, _, self_time, _, _) in pstats.Stats(profile).stats.items():
        by_module[Path(path).name if path != "~" else function] += self_time
    total = sum(by_module.values())
    print("self time by source file (cProfile):", ", ".join(
        f"{name} {seconds / total:.0%}" for name, seconds in by_module.most_common(top)))


if __name__ == "__main__":
    main()
