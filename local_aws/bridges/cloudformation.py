"""CloudFormation bridge: change sets refresh a stack's outputs; ``Fn::Sub`` keeps ``$$``.

* moto 5.2.5's ``ChangeSet.apply`` updates the resource map only, so a stack created or updated
  through a change set (the only way ``build.py deploy`` works) reports no or stale outputs. After
  applying we refresh the stack's template, parameters and output map exactly as moto's own
  ``Stack.update`` does.
* moto resolves the two-argument ``Fn::Sub [template, {Name: value}]`` with Python's
  ``string.Template.safe_substitute``, which also turns every ``$$`` into ``$``. A state machine
  ``DefinitionString`` is full of ``$$`` (``"S.$": "$$.Execution.Id"``), so the deployed machine
  would read ``$.Execution.Id`` from its input and fail. CloudFormation treats only ``${Name}`` (and
  ``${!``) specially; we substitute the map's names literally and leave the rest to moto.
* A change set's ``ResourceMap.update`` creates the added resources in template order, honouring
  ``Ref``/``GetAtt`` but not ``DependsOn`` (the stack-create path does), so an API Gateway
  ``Deployment`` that ``DependsOn`` its methods is created first and fails ("The REST API doesn't
  contain any methods"). We order the added resources by ``DependsOn`` first.
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation import models, parsing

_original_apply = models.ChangeSet.apply
_original_clean_json = parsing.clean_json
_original_build_resource_diff = parsing.ResourceMap.build_resource_diff


def _apply_and_refresh_outputs(change_set: models.ChangeSet) -> None:
    _original_apply(change_set)
    stack = change_set.stack
    stack.template = change_set.template
    stack._parse_template()
    if change_set.parameters:
        stack.parameters = change_set.parameters
    stack.output_map = stack._create_output_map()


def _clean_json(resource_json: Any, resources_map: Any) -> Any:
    if isinstance(resource_json, dict) and isinstance(resource_json.get("Fn::Sub"), list):
        template, variables = resource_json["Fn::Sub"]
        template = _original_clean_json(template, resources_map)
        for name, value in (variables or {}).items():
            template = template.replace("${" + name + "}", str(_original_clean_json(value, resources_map)))
        return _original_clean_json({"Fn::Sub": template}, resources_map)
    return _original_clean_json(resource_json, resources_map)


def in_dependency_order(names: list[str], resources: dict[str, Any]) -> list[str]:
    """``names`` reordered so that each comes after the resources it ``DependsOn`` (stable otherwise)."""
    wanted, ordered, seen = set(names), [], set()

    def visit(name: str) -> None:
        if name in seen or name not in wanted:
            return
        seen.add(name)
        depends_on = resources.get(name, {}).get("DependsOn", [])
        for dependency in [depends_on] if isinstance(depends_on, str) else depends_on:
            visit(dependency)
        ordered.append(name)

    for name in names:
        visit(name)
    return ordered


def _build_resource_diff(self: parsing.ResourceMap, other_template: dict[str, Any],
                         parameters: dict[str, Any] | None = None) -> dict[str, Any]:
    diff = _original_build_resource_diff(self, other_template, parameters)
    diff["Add"] = in_dependency_order(diff["Add"], other_template.get("Resources", {}))
    return diff


def install() -> None:
    """Patch moto's CloudFormation (idempotent)."""
    models.ChangeSet.apply = _apply_and_refresh_outputs  # type: ignore[method-assign]
    parsing.clean_json = _clean_json  # type: ignore[assignment]
    parsing.ResourceMap.build_resource_diff = _build_resource_diff  # type: ignore[method-assign]


def uninstall() -> None:
    models.ChangeSet.apply = _original_apply  # type: ignore[method-assign]
    parsing.clean_json = _original_clean_json  # type: ignore[assignment]
    parsing.ResourceMap.build_resource_diff = _original_build_resource_diff  # type: ignore[method-assign]
