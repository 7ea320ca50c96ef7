"""Runs a generated "Copy as PyTorch" program (argv[1]) on a stand-in model with nb minibatches
per epoch (argv[2]) and prints what it set at every minibatch, one JSON line each, then the
parameter names in each group."""
import json
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import torch  # noqa: E402  (the stand-in)


class BatchNorm2d(torch.Module):
    pass


class LayerNorm(torch.Module):
    pass


class Conv2d(torch.Module):
    pass


class Net(torch.Module):
    pass


code = open(sys.argv[1]).read()
nb = int(sys.argv[2])
model = Net(children=[Conv2d("weight"), BatchNorm2d("weight", "bias"), Conv2d("weight", "bias"), LayerNorm("weight", "bias")])


class X:
    shape = (4,)


env = {"model": model, "train_loader": [(X(), None)] * nb}
env["criterion"] = lambda out, y: torch.Loss(lambda: env)
exec(compile(code, "export.py", "exec"), env)
for row in torch.LOG:
    print(json.dumps(row))
