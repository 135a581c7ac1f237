"""Bridge: moto's change sets update a stack's resources but not its template or outputs.

moto 5.2.5's ``ChangeSet.apply`` updates the resource map only, so a stack created or updated through
a change set (the only way ``build.py deploy`` works) reports no or stale outputs. After applying we
refresh the stack's template, parameters and output map exactly as moto's own ``Stack.update`` does.
"""

from __future__ import annotations

from moto.cloudformation import models

_installed = False


def install() -> None:
    """Patch ``ChangeSet.apply`` once per process."""
    global _installed
    if _installed:
        return
    original_apply = models.ChangeSet.apply

    def apply_and_refresh_outputs(change_set: models.ChangeSet) -> None:
        original_apply(change_set)
        stack = change_set.stack
        stack.template = change_set.template
        stack._parse_template()
        if change_set.parameters:
            stack.parameters = change_set.parameters
        stack.output_map = stack._create_output_map()

    models.ChangeSet.apply = apply_and_refresh_outputs
    _installed = True
