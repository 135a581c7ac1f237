"""CloudFormation bridge: change sets refresh a stack's outputs; ``Fn::Sub`` keeps ``$$``.

* moto 5.2.5's ``ChangeSet.apply`` updates the resource map only, so a stack created or updated
  through a change set (the only way ``build.py deploy`` works) reports no or stale outputs. After
  applying we refresh the stack's template, parameters and output map exactly as moto's own
  ``Stack.update`` does, and the region's exports (``DeleteStack`` removes the stack's exports from
  them and failed with ``KeyError`` when they had never been added).
* moto resolves the two-argument ``Fn::Sub [template, {Name: value}]`` with Python's
  ``string.Template.safe_substitute``, which also turns every ``$$`` into ``$``. A state machine
  ``DefinitionString`` is full of ``$$`` (``"S.$": "$$.Execution.Id"``), so the deployed machine
  would read ``$.Execution.Id`` from its input and fail. CloudFormation treats only ``${Name}`` (and
  ``${!``) specially; we substitute the map's names literally and leave the rest to moto.
* A change set's ``ResourceMap.update`` creates the added resources in template order, honouring
  ``Ref``/``GetAtt`` but not ``DependsOn`` (the stack-create path does), so an API Gateway
  ``Deployment`` that ``DependsOn`` its methods is created first and fails ("The REST API doesn't
  contain any methods"). We order the added and modified resources after those they use
  (``DependsOn``, ``Ref``, ``Fn::GetAtt``, ``Fn::Sub``). moto modifies only resources whose own JSON
  changed; one that uses a resource replaced on update (a Lambda version) is updated too.
* A resource of a type moto cannot create is ``None`` in the stack's resource map, and
  ``DescribeStackResources`` reported it as an entry without logical id or type (``build.py logs``
  read ``ResourceType`` of each); the stack's resources are now those that exist.
"""

from __future__ import annotations

import re
from typing import Any

from moto.cloudformation import models, parsing

_original_apply = models.ChangeSet.apply
_original_clean_json = parsing.clean_json
_original_build_resource_diff = parsing.ResourceMap.build_resource_diff
_original_resource_class_from_type = parsing.resource_class_from_type
_original_stack_resources = models.Stack.stack_resources
#: ``{CloudFormation type: model class}`` supplied by bridges; they take precedence over moto's map.
MODELS: dict[str, type] = {}
#: Types whose every update creates a new physical resource (a Lambda version): the resources that use
#: one are updated after it, as CloudFormation does when a referenced value changes.
REPLACED_ON_UPDATE: set[str] = set()


def register_models(classes: dict[str, type], replaced_on_update: tuple[str, ...] = ()) -> None:
    """Serve these resource types with these classes (``create_from_cloudformation_json`` & co.)."""
    MODELS.update(classes)
    REPLACED_ON_UPDATE.update(replaced_on_update)


def unregister_models(classes: dict[str, type]) -> None:
    for resource_type in classes:
        MODELS.pop(resource_type, None)
        REPLACED_ON_UPDATE.discard(resource_type)


def _resource_class_from_type(resource_type: str) -> Any:
    return MODELS.get(resource_type) or _original_resource_class_from_type(resource_type)


def _apply_and_refresh_outputs(change_set: models.ChangeSet) -> None:
    stack = change_set.stack
    exported_before = [export.name for export in stack.exports]
    _original_apply(change_set)
    stack.template = change_set.template
    stack._parse_template()
    if change_set.parameters:
        stack.parameters = change_set.parameters
    stack.output_map = stack._create_output_map()
    exports = models.cloudformation_backends[stack.account_id][stack.region_name].exports
    for name in exported_before:
        exports.pop(name, None)
    exports.update({export.name: export for export in stack.exports})


def _existing_stack_resources(stack: models.Stack) -> list[Any]:
    return [resource for resource in stack.resource_map.values()
            if resource is not None and not isinstance(resource, str)]


def _clean_json(resource_json: Any, resources_map: Any) -> Any:
    if isinstance(resource_json, dict) and isinstance(resource_json.get("Fn::Sub"), list):
        template, variables = resource_json["Fn::Sub"]
        template = _original_clean_json(template, resources_map)
        for name, value in (variables or {}).items():
            template = template.replace("${" + name + "}", str(_original_clean_json(value, resources_map)))
        return _original_clean_json({"Fn::Sub": template}, resources_map)
    return _original_clean_json(resource_json, resources_map)


_SUB_NAME = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}")


def references(resource_json: Any) -> set[str]:
    """Logical ids (and parameter names) a resource uses: ``DependsOn``, ``Ref``, ``Fn::GetAtt``, ``Fn::Sub``."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("Ref"), str):
                found.add(node["Ref"])
            attribute = node.get("Fn::GetAtt")
            if isinstance(attribute, list) and attribute:
                found.add(str(attribute[0]))
            elif isinstance(attribute, str):
                found.add(attribute.split(".", 1)[0])
            sub = node.get("Fn::Sub")
            if sub is not None:
                found.update(_SUB_NAME.findall(sub if isinstance(sub, str) else sub[0]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(resource_json.get("Properties", {}))
    depends_on = resource_json.get("DependsOn", [])
    found.update([depends_on] if isinstance(depends_on, str) else depends_on)
    return found


def in_dependency_order(names: list[str], resources: dict[str, Any]) -> list[str]:
    """``names`` reordered so that each comes after the resources it uses (stable otherwise)."""
    wanted, ordered, seen = set(names), [], set()

    def visit(name: str) -> None:
        if name in seen or name not in wanted:
            return
        seen.add(name)
        for dependency in sorted(references(resources.get(name, {}))):
            visit(dependency)
        ordered.append(name)

    for name in names:
        visit(name)
    return ordered


def _dependents_of_replaced(diff: dict[str, list[str]], resources: dict[str, Any]) -> list[str]:
    """Unchanged resources that use a replaced one (its ``Ref``/attributes change), transitively."""
    changed = {name for name in diff["Modify"] if resources[name].get("Type") in REPLACED_ON_UPDATE}
    untouched = [name for name in resources if name not in diff["Add"] and name not in diff["Modify"]]
    dependents: list[str] = []
    grew = True
    while grew:
        grew = False
        for name in untouched:
            if name not in dependents and references(resources[name]) & changed:
                dependents.append(name)
                changed.add(name)
                grew = True
    return dependents


def _build_resource_diff(self: parsing.ResourceMap, other_template: dict[str, Any],
                         parameters: dict[str, Any] | None = None) -> dict[str, Any]:
    diff = _original_build_resource_diff(self, other_template, parameters)
    resources = other_template.get("Resources", {})
    diff["Add"] = in_dependency_order(diff["Add"], resources)
    diff["Modify"] = in_dependency_order(diff["Modify"] + _dependents_of_replaced(diff, resources), resources)
    return diff


def install() -> None:
    """Patch moto's CloudFormation (idempotent)."""
    models.ChangeSet.apply = _apply_and_refresh_outputs  # type: ignore[method-assign]
    parsing.clean_json = _clean_json  # type: ignore[assignment]
    parsing.ResourceMap.build_resource_diff = _build_resource_diff  # type: ignore[method-assign]
    parsing.resource_class_from_type = _resource_class_from_type  # type: ignore[assignment]
    models.Stack.stack_resources = property(_existing_stack_resources)  # type: ignore[method-assign,assignment]


def uninstall() -> None:
    models.ChangeSet.apply = _original_apply  # type: ignore[method-assign]
    parsing.clean_json = _original_clean_json  # type: ignore[assignment]
    parsing.ResourceMap.build_resource_diff = _original_build_resource_diff  # type: ignore[method-assign]
    parsing.resource_class_from_type = _original_resource_class_from_type  # type: ignore[assignment]
    models.Stack.stack_resources = _original_stack_resources  # type: ignore[method-assign]
