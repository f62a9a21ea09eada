"""Baseline: the approach of the usual Python tutorial -- collections.Counter over
line.split() per file, files spread over a multiprocessing.Pool of N processes,
Counters summed at the end.

    python3 bench/baselines/python_pool.py DIR N   ->  {"totalWords", "uniqueWords"}
"""
import json
import os
import sys
from collections import Counter
from multiprocessing import Pool


def count_words(path):
    counter = Counter()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            counter.update(line.split())
    return counter


def main():
    folder, processes = sys.argv[1], int(sys.argv[2])
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".txt"))
    total = Counter()
    with Pool(processes) as pool:
        for counter in pool.imap_unordered(count_words, files):
            total.update(counter)
    print(json.dumps({"totalWords": sum(total.values()), "uniqueWords": len(total)}))


if __name__ == "__main__":
    main()
