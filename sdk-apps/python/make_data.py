#!/usr/bin/python3
"""Write the committed files of sdk-apps/python/data/ that the user guide and the notebook use.

Run:  /usr/bin/python3 sdk-apps/python/make_data.py
(Debian's python3-torch, python3-onnx, python3-sklearn, python3-numpy; no network: the digits
come from the copy python3-sklearn ships.)

  digits.npz       the 8x8 digits (UCI, 1797 images) split 1437 train / 360 test, stratified,
                   seed 0 (the split of tests/fixtures/models/digits): X_train, X_test as uint8
                   pixels 0..16 [N, 8, 8], y_train, y_test as uint8 labels. Raw pixels, so the
                   guide shows the preprocessing (divide by 16, shape [N, 1, 8, 8]).
  model.onnx       the guide's MLP trained with the guide's code (seed 0), opset 13, dynamic batch
  y_torch.npy      its PyTorch outputs on X_test, float32 [360, 10]
  model_v2.onnx    the same architecture retrained (seed 1, the guide's "new weights" step)
  y_torch_v2.npy   its PyTorch outputs on X_test

A reader (or a test machine) without PyTorch uses these instead of training. The training code
below is the guide's (docs/guide.md, "Train and export"), so the files are what the guide's
PyTorch cells produce on this machine; the tests compare the accelerator against them with
tolerances, not bit for bit. Deterministic: fixed seeds, one thread.
"""

import sys
import warnings
from pathlib import Path

import numpy as np
import onnx
import onnx.checker
import sklearn.datasets
import torch
from sklearn.model_selection import train_test_split
from torch import nn

OUT = Path(__file__).resolve().parent / "data"
MAX_BYTES = 200_000   # the folder is committed: keep it small


# -- the guide's code (docs/guide.md, the notebook): guide_runners checks they are the same ----
def make_model(seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Flatten(), nn.Linear(64, 32), nn.ReLU(),
                         nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 10), nn.Softmax(dim=1))


def train(model, X, y, epochs=30):
    opt = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=1e-3)
    loss_fn = nn.CrossEntropyLoss()          # wants logits: model[:-1] is the net without Softmax
    xt, yt = torch.from_numpy(X), torch.from_numpy(y.astype(np.int64))
    model.train()
    for _ in range(epochs):
        for idx in torch.randperm(len(xt)).split(64):
            opt.zero_grad()
            loss_fn(model[:-1](xt[idx]), yt[idx]).backward()
            opt.step()
    return model.eval()


def export(model, path):
    torch.onnx.export(model, torch.zeros(1, 1, 8, 8), path, opset_version=13,
                      input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
# ---------------------------------------------------------------------------------------------


def main():
    torch.set_num_threads(1)
    d = sklearn.datasets.load_digits()
    pixels = d.images.astype(np.uint8)                      # [1797, 8, 8], values 0..16
    idx = np.arange(len(pixels))
    tr, te = train_test_split(idx, test_size=360, random_state=0, stratify=d.target)
    OUT.mkdir(exist_ok=True)
    np.savez_compressed(OUT / "digits.npz",
                        X_train=pixels[tr], y_train=d.target[tr].astype(np.uint8),
                        X_test=pixels[te], y_test=d.target[te].astype(np.uint8))

    data = np.load(OUT / "digits.npz")
    X_train = (data["X_train"] / 16.0).astype(np.float32).reshape(-1, 1, 8, 8)
    X_test = (data["X_test"] / 16.0).astype(np.float32).reshape(-1, 1, 8, 8)
    y_train, y_test = data["y_train"], data["y_test"]

    for seed, stem, ref in ((0, "model", "y_torch"), (1, "model_v2", "y_torch_v2")):
        model = train(make_model(seed), X_train, y_train)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            export(model, str(OUT / f"{stem}.onnx"))
        onnx.checker.check_model(onnx.load(str(OUT / f"{stem}.onnx")), full_check=True)
        with torch.no_grad():
            y = model(torch.from_numpy(X_test)).numpy().astype(np.float32)
        np.save(OUT / f"{ref}.npy", y)
        acc = float((y.argmax(1) == y_test).mean())
        print(f"{stem}: test accuracy {acc:.3f}")
        if acc < 0.9:
            sys.exit(f"make_data: {stem} reached only {acc:.3f} test accuracy")

    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"wrote {OUT} ({total} bytes)")
    if total > MAX_BYTES:
        sys.exit(f"make_data: {OUT} is {total} bytes, over {MAX_BYTES}")


if __name__ == "__main__":
    main()
