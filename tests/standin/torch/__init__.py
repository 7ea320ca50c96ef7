"""Stand-in for torch: parameters, modules, a recording optimizer and OneCycleLR."""
import math
import types

LOG = []  # one dict per minibatch: the groups' lr, momentum, weight_decay, and "step"


class Parameter:
    def __init__(self, name):
        self.name = name


class Module:
    def __init__(self, *names, children=()):
        self._params = [(n, Parameter(n)) for n in names]
        self._children = list(children)

    def modules(self):
        yield self
        for c in self._children:
            yield from c.modules()

    def named_parameters(self, recurse=True):
        yield from self._params
        if recurse:
            for c in self._children:
                yield from c.named_parameters()

    def __call__(self, x):
        return x

    def parameters(self):
        return [p for _, p in self.named_parameters()]


class _Optimizer:
    def __init__(self, groups, **defaults):
        self.param_groups = []
        for g in groups:
            merged = dict(defaults)
            merged.update(g)
            self.param_groups.append(merged)
        self.stepped = False

    def step(self):
        LOG[-1]["step"] = True
        self.stepped = True

    def zero_grad(self):
        pass


class SGD(_Optimizer):
    pass


class Adam(_Optimizer):
    pass


class AdamW(_Optimizer):
    pass


class RMSprop(_Optimizer):
    pass


class OneCycleLR:
    def __init__(self, optimizer, max_lr, total_steps):
        self.optimizer, self.total = optimizer, total_steps
        self.initial, self.max_lr = max_lr / 25.0, max_lr
        self.min_lr = self.initial / 1e4
        self.n = 0
        self.calls = 0
        self._set()

    @staticmethod
    def _cos(start, end, pct):
        return end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)

    def _set(self):
        if self.n > self.total:  # as PyTorch: stepping once past the end is allowed
            raise ValueError("OneCycleLR stepped past total_steps")
        phases = [
            (float(0.3 * self.total) - 1, self.initial, self.max_lr, 0.95, 0.85),
            (self.total - 1, self.max_lr, self.min_lr, 0.85, 0.95),
        ]
        start = 0.0
        for i, (end, lr_a, lr_b, m_a, m_b) in enumerate(phases):
            if self.n <= end or i == len(phases) - 1:
                pct = (self.n - start) / (end - start)
                lr, m = self._cos(lr_a, lr_b, pct), self._cos(m_a, m_b, pct)
                break
            start = end
        for g in self.optimizer.param_groups:
            g["lr"] = lr
            if "momentum" in g:
                g["momentum"] = m
            elif "betas" in g:
                g["betas"] = (m, g["betas"][1])

    def step(self):
        if not self.optimizer.stepped:
            raise RuntimeError("UserWarning: Detected call of `lr_scheduler.step()` before `optimizer.step()`")
        self.n += 1
        self._set()


class LambdaLR:
    """PyTorch's LambdaLR, so that older exports run here too."""

    def __init__(self, optimizer, lr_lambda):
        self.optimizer, self.lr_lambdas, self.last_epoch = optimizer, [lr_lambda], 0
        for g in optimizer.param_groups:
            g["initial_lr"] = g["lr"]
            g["lr"] = g["initial_lr"] * lr_lambda(0)

    def step(self):
        if not self.optimizer.stepped:
            raise RuntimeError("UserWarning: Detected call of `lr_scheduler.step()` before `optimizer.step()`")
        self.last_epoch += 1
        for g in self.optimizer.param_groups:
            g["lr"] = g["initial_lr"] * self.lr_lambdas[0](self.last_epoch)


optim = types.SimpleNamespace(
    SGD=SGD, Adam=Adam, AdamW=AdamW, RMSprop=RMSprop,
    lr_scheduler=types.SimpleNamespace(OneCycleLR=OneCycleLR, LambdaLR=LambdaLR),
)
nn = types.SimpleNamespace(utils=types.SimpleNamespace(clip_grad_norm_=lambda params, max_norm: None))


class Loss:
    """What `criterion` returns: backward() records the minibatch's settings."""

    def __init__(self, optimizer_ref):
        self.ref = optimizer_ref

    def __mul__(self, _):
        return self

    def backward(self):
        groups = self.ref()["optimizer"].param_groups
        LOG.append({
            "lr": [g["lr"] for g in groups],
            "momentum": [g.get("momentum", g.get("betas", (None,))[0]) for g in groups],
            "wd": [g.get("weight_decay", 0.0) for g in groups],
            "n": [len(g["params"]) for g in groups],
            "step": False,
        })
