"""``build.py cost``: the monthly AWS cost of the deployed design, per service and per compute path.

:mod:`~ops.cost.deployment` counts what is deployed (the synthesized template and state machine),
:mod:`~ops.cost.usage` states how it is used, :mod:`~ops.cost.prices` holds the list prices,
:mod:`~ops.cost.estimate` prices each line, :mod:`~ops.cost.command` runs the command and
:mod:`~ops.cost.arguments` is its command line.
"""
