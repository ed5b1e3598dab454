"""Time jionlp's money extraction on texts: run with a Python that has jionlp installed.

    python bench/time_jionlp.py TEXTS.json RUNS     -> prints JSON {"seconds": [per run], "version": ...}

TEXTS.json holds a list of clean article texts. Each run extracts money from every text once, as
bench/money_vs_jionlp.py calls it: jionlp.ner.extract_money(text, with_parsing=True).
"""
import contextlib
import io
import json
import sys
import time


def main() -> None:
    texts = json.loads(open(sys.argv[1], encoding="utf-8").read())
    runs = int(sys.argv[2])
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp  # prints a banner on import
        for text in texts[:5]:  # warm-up: jionlp loads its dictionaries lazily
            jionlp.ner.extract_money(text, with_parsing=True)
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        for text in texts:
            jionlp.ner.extract_money(text, with_parsing=True)
        seconds.append(time.perf_counter() - started)
    print(json.dumps({"seconds": seconds, "version": getattr(jionlp, "__version__", "?")}))


if __name__ == "__main__":
    main()
