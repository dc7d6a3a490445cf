#!/usr/bin/env python3
"""Writes upstream-lists.json: small dataset trees in the CoOp layouts and the ordered lists the official dataset code
gives on them, computed with CPython's own `random` module (the independent part of the expectation).

The procedure below is this project's transcription of what MaPLe's `datasets/*.py` on Dassl's `DatasetBase` do
(`train.py` seeds Python's `random` once; a missing split is created with `random.shuffle`
(`DTD.read_and_split_data`, `OxfordPets.split_trainval`) and saved; then `generate_fewshot_dataset` draws train with K
shots and val with min(K, 4) using `random.sample`, from the same stream). It is not upstream's code.

File listings are sorted (the library's default; upstream uses `os.listdir` order, see docs/datasets.md).
Run: python3 make_upstream_lists.py > upstream-lists.json
"""
import json
import random
import re

SEEDS = [1, 2, 3]
SHOTS = [1, 2, 4]


def folder_tree(root, image_dir, classes, ignored=(), renames=None):
    """classes: {folder: [file names]} -> (image paths, texts, split creator)."""
    images = [f"{root}/{image_dir}/{c}/{f}" for c, files in classes.items() for f in files]

    def create():
        categories = sorted(c for c in classes if c not in ignored)
        train, val, test = [], [], []
        for label, category in enumerate(categories):
            paths = [f"{root}/{image_dir}/{category}/{f}" for f in sorted(classes[category])]
            random.shuffle(paths)
            n_total = len(paths)
            n_train = round(n_total * 0.5)
            n_val = round(n_total * 0.2)
            assert n_train > 0 and n_val > 0 and n_total - n_train - n_val > 0
            train += [(p, label) for p in paths[:n_train]]
            val += [(p, label) for p in paths[n_train:n_train + n_val]]
            test += [(p, label) for p in paths[n_train + n_val:]]
        return train, val, test

    return images, {}, create


def split_trainval(trainval):
    tracker = {}
    for idx, (_, label) in enumerate(trainval):
        tracker.setdefault(label, []).append(idx)
    train, val = [], []
    for label, idxs in tracker.items():
        n_val = round(len(idxs) * 0.2)
        assert n_val > 0
        random.shuffle(idxs)
        for n, idx in enumerate(idxs):
            (val if n < n_val else train).append(trainval[idx])
    return train, val


def oxford_pets():
    breeds = ["Abyssinian", "american_bulldog", "Egyptian_Mau", "beagle"]
    counts = [9, 11, 8, 12]
    trainval_lines, test_lines, images = [], [], []
    # Interleaved so that the order of first appearance differs from the class ids.
    order = [(b, i) for i in range(1, 13) for b in (3, 1, 0, 2) if i <= counts[b]]
    for b, i in order:
        name = f"{breeds[b]}_{i * 7 % 23 + 1}"
        images.append(f"oxford_pets/images/{name}.jpg")
        line = f"{name} {b + 1} {1 if b in (0, 2) else 2} {b + 1}"
        (test_lines if i % 4 == 0 else trainval_lines).append(line)
    texts = {
        "oxford_pets/annotations/trainval.txt": "\n".join(trainval_lines) + "\n",
        "oxford_pets/annotations/test.txt": "\n".join(test_lines) + "\n",
    }

    def read(lines):
        return [(f"oxford_pets/images/{l.split(' ')[0]}.jpg", int(l.split(' ')[1]) - 1) for l in lines]

    def create():
        train, val = split_trainval(read(trainval_lines))
        return train, val, read(test_lines)

    return images, texts, create


def sun397():
    classes = ["/a/abbey", "/c/church/outdoor", "/b/bakery/shop"]
    counts = [10, 12, 9]
    train_lines, test_lines, images = [], [], []
    for c, n in zip(classes, counts):
        for i in range(1, n + 1):
            rel = f"{c}/sun_{(i * 37) % 101:04d}.jpg"
            images.append("sun397/SUN397" + rel)
            (test_lines if i > n - 3 else train_lines).append(rel)
    # Training_01.txt lists classes interleaved (the reader keeps file order).
    train_lines = sorted(train_lines, key=lambda r: (r.split("sun_")[1], r))
    texts = {
        "sun397/ClassName.txt": "\n".join(classes) + "\n",
        "sun397/Training_01.txt": "\n".join(train_lines) + "\n",
        "sun397/Testing_01.txt": "\n".join(test_lines) + "\n",
    }
    lab = {c[1:]: i for i, c in enumerate(classes)}

    def read(lines):
        return [("sun397/SUN397" + l, lab[l[1:].rsplit("/", 1)[0]]) for l in lines]

    def create():
        train, val = split_trainval(read(train_lines))
        return train, val, read(test_lines)

    return images, texts, create


def ucf101():
    actions = ["ApplyEyeMakeup", "YoYo", "PlayingDaf"]
    counts = [9, 10, 12]
    ids = {"ApplyEyeMakeup": 1, "PlayingDaf": 2, "YoYo": 3}
    train_lines, test_lines, images = [], [], []
    for a, n in zip(actions, counts):
        folder = "_".join(re.findall("[A-Z][^A-Z]*", a))
        for g in range(1, n + 1):
            video = f"v_{a}_g{g:02d}_c01"
            images.append(f"ucf101/UCF-101-midframes/{folder}/{video}.jpg")
            if g <= n - 2:
                train_lines.append(f"{a}/{video}.avi {ids[a]}")
            else:
                test_lines.append(f"{a}/{video}.avi")
    texts = {
        "ucf101/ucfTrainTestlist/classInd.txt": "1 ApplyEyeMakeup\r\n2 PlayingDaf\r\n3 YoYo\r\n",
        "ucf101/ucfTrainTestlist/trainlist01.txt": "\r\n".join(train_lines) + "\r\n",
        "ucf101/ucfTrainTestlist/testlist01.txt": "\r\n".join(test_lines) + "\r\n",
    }

    def read(lines):
        out = []
        for l in lines:
            action, filename = l.split(" ")[0].split("/")
            folder = "_".join(re.findall("[A-Z][^A-Z]*", action))
            out.append((f"ucf101/UCF-101-midframes/{folder}/{filename.replace('.avi', '.jpg')}", ids[action] - 1))
        return out

    def create():
        train, val = split_trainval(read(train_lines))
        return train, val, read(test_lines)

    return images, texts, create


def numbered(prefix, numbers, ext=".jpg"):
    return [f"{prefix}{n}{ext}" for n in numbers]


DATASETS = {
    "DescribableTextures": lambda: folder_tree("dtd", "images", {
        "banded": numbered("banded_", ["0030", "0038", "0008", "0100", "0012", "0071", "0002", "0050", "0064"]),
        "blotchy": numbered("blotchy_", [f"{n:04d}" for n in (5, 17, 3, 99, 42, 61, 28, 14, 73, 88, 9, 36)]),
        "braided": numbered("braided_", [f"{n:04d}" for n in (11, 2, 53, 26, 80, 7, 44, 19, 65, 31)]),
    }),
    "EuroSAT": lambda: folder_tree("eurosat", "2750", {
        "AnnualCrop": numbered("AnnualCrop_", range(1, 12)),
        "Forest": numbered("Forest_", range(1, 14)),
        "SeaLake": numbered("SeaLake_", range(1, 10)),
    }),
    "Food101": lambda: folder_tree("food-101", "images", {
        "apple_pie": numbered("", [668217, 3973434, 1005649, 21063, 134, 2718, 998877, 31337, 5000001, 77]),
        "baby_back_ribs": numbered("", [1, 12, 123, 1234, 12345, 123456, 2, 23, 234, 2345, 23456]),
        "ramen": numbered("", [90210, 8675309, 42, 4242, 424242, 7, 77777, 314159, 271828]),
    }),
    "Caltech101": lambda: folder_tree("caltech-101", "101_ObjectCategories", {
        "BACKGROUND_Google": numbered("image_", [f"{n:04d}" for n in range(1, 6)]),
        "Faces_easy": numbered("image_", [f"{n:04d}" for n in range(1, 6)]),
        "Faces": numbered("image_", [f"{n:04d}" for n in range(1, 11)]),
        "airplanes": numbered("image_", [f"{n:04d}" for n in range(1, 13)]),
        "butterfly": numbered("image_", [f"{n:04d}" for n in range(1, 10)]),
        "Leopards": numbered("image_", [f"{n:04d}" for n in range(1, 12)]),
    }, ignored=("BACKGROUND_Google", "Faces_easy")),
    "OxfordPets": oxford_pets,
    "SUN397": sun397,
    "UCF101": ucf101,
}


def few_shot(items, k):
    tracker = {}
    for item in items:
        tracker.setdefault(item[1], []).append(item)
    out = []
    for group in tracker.values():
        out += random.sample(group, k) if len(group) >= k else group
    return out


def paths(items):
    return [p for p, _ in items]


def main():
    result = {"generator": "make_upstream_lists.py (CPython random)", "datasets": []}
    for name, make in DATASETS.items():
        images, texts, create = make()
        cases = []
        for seed in SEEDS:
            for shots in SHOTS:
                random.seed(seed)
                train, val, test = create()
                first_train, first_val = few_shot(train, shots), few_shot(val, min(shots, 4))
                random.seed(seed)  # a later run reads the saved split: no draws before the few-shot sample
                later_train, later_val = few_shot(train, shots), few_shot(val, min(shots, 4))
                cases.append({
                    "seed": seed, "shots": shots,
                    "split": {"train": paths(train), "val": paths(val), "test": paths(test)},
                    "first": {"train": paths(first_train), "val": paths(first_val)},
                    "later": {"train": paths(later_train), "val": paths(later_val)},
                })
        result["datasets"].append({"name": name, "images": images, "texts": texts, "cases": cases})
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
