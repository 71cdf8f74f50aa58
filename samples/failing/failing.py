"""A failing function: explode raises, so its action fails and `never` is not triggered."""


def prepare(folder):
    faasr_log("prepare ran")


def explode(reason):
    raise ValueError(reason)


def unreachable():
    faasr_log("this must never run")
