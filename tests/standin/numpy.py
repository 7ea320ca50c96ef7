"""Stand-in for numpy.interp and the .round() of its result (halves to even, as NumPy)."""


class _F(float):
    def round(self):
        return _F(round(float(self)))


def interp(x, xp, fp):
    (x0, x1), (y0, y1) = xp, fp
    if x <= x0:
        return _F(y0)
    if x >= x1:
        return _F(y1)
    # numpy's arithmetic: slope times the distance from the left point, plus its value.
    return _F((y1 - y0) / (x1 - x0) * (x - x0) + y0)
