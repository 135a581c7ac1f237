"""CloudFormation bridge: a resource that cannot be created fails the stack, which rolls back.

moto 5.2.5 creates a stack's resources inside the ``CreateStack`` / ``ExecuteChangeSet`` call and has no
failure path (its stack code leaves rollback unimplemented): a resource that cannot be created
(a bucket name that exists, too much reserved concurrency) turned the API call itself into an error and
left the stack ``CREATE_IN_PROGRESS`` forever, with its other resources in place. AWS accepts the call,
records the resource ``CREATE_FAILED`` with the service's message, rolls the stack back and ends
``ROLLBACK_COMPLETE``. The bridge does the same:

* a resource whose creation (update) raises is recorded ``CREATE_FAILED`` (``UPDATE_FAILED``) with the
  reason; an "already exists"
  refusal reads ``Resource of type 'T' with identifier 'NAME' already exists.`` (``NAME already exists``
  for a bucket), as CloudFormation words it;
* a failed create deletes what it had created and ends ``ROLLBACK_COMPLETE`` (``ROLLBACK_FAILED`` when a
  deletion fails); a failed update ends ``UPDATE_ROLLBACK_FAILED``, because moto applies an update in
  place and has nothing to roll back to, so the stack is honestly half-updated;
* ``DeletionPolicy``: ``Retain`` keeps a resource on every deletion (moto honoured it on stack delete only,
  not when an update removes the resource); ``RetainExceptOnCreate`` keeps it on stack delete and on
  removal, and deletes it when the stack's first create rolls back, so a failed first deploy leaves
  nothing behind.
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation import models, parsing

#: Error codes that mean "a resource with this name already exists" in the services stacks create.
ALREADY_EXISTS_CODES = frozenset({
    "AlreadyExistsException", "BucketAlreadyExists", "BucketAlreadyOwnedByYou", "EntityAlreadyExists",
    "RepositoryAlreadyExistsException", "ResourceAlreadyExistsException", "ResourceConflictException",
    "ResourceInUseException", "ResourceExistsException",
})
#: Policies that keep a resource when its stack is deleted or an update removes it.
KEPT_ON_DELETE = frozenset({"Retain", "RetainExceptOnCreate"})
#: Policies that keep a resource when the stack's create rolls back.
KEPT_ON_ROLLBACK = frozenset({"Retain"})

_original_create_resource = parsing.parse_and_create_resource
_original_update_resource = parsing.parse_and_update_resource
_original_delete_resource = parsing.ResourceMap._delete_resource
_original_create_resources = models.Stack.create_resources
_original_execute_change_set = models.CloudFormationBackend.execute_change_set


class ResourceFailed(Exception):
    """A stack's resource could not be created; ``reason`` is what CloudFormation reports."""

    def __init__(self, logical_id: str, resource_type: str, reason: str, status: str = "CREATE_FAILED") -> None:
        super().__init__(f"{logical_id} ({resource_type}): {reason}")
        self.logical_id = logical_id
        self.resource_type = resource_type
        self.reason = reason
        self.status = status


def _error_code(error: Exception) -> str:
    """``ResourceInUseException`` for ``com.amazonaws.dynamodb.v20120810#ResourceInUseException`` too."""
    code = getattr(error, "error_type", None) or getattr(error, "code", None) or type(error).__name__
    return str(code).rsplit("#", 1)[-1]


def _physical_name(logical_id: str, resource_json: dict[str, Any], resources_map: Any) -> str | None:
    name_property = parsing.resource_name_property_from_type(resource_json["Type"])
    value = (resource_json.get("Properties") or {}).get(name_property or "")
    return None if value is None else str(parsing.clean_json(value, resources_map))


def failure_reason(error: Exception, resource_type: str, physical_name: str | None) -> str:
    """What CloudFormation says about a resource whose service refused it."""
    if _error_code(error) in ALREADY_EXISTS_CODES and physical_name:
        if resource_type == "AWS::S3::Bucket":
            return f"{physical_name} already exists"
        return f"Resource of type '{resource_type}' with identifier '{physical_name}' already exists."
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    return f'Resource handler returned message: "{message}"'


def _create_resource(logical_id: str, resource_json: dict[str, Any], resources_map: Any, account_id: str,
                     region_name: str) -> Any:
    try:
        return _original_create_resource(logical_id, resource_json, resources_map, account_id, region_name)
    except ResourceFailed:
        raise  # a resource this one uses failed first
    except Exception as error:  # noqa: BLE001 - any refusal fails the resource, as on AWS
        resource_type = resource_json["Type"]
        try:
            name = _physical_name(logical_id, resource_json, resources_map)
        except Exception:  # noqa: BLE001 - the name is only for the message
            name = None
        raise ResourceFailed(logical_id, resource_type, failure_reason(error, resource_type, name)) from error


def _update_resource(logical_id: str, resource_json: dict[str, Any], resources_map: Any, account_id: str,
                     region_name: str) -> Any:
    try:
        return _original_update_resource(logical_id, resource_json, resources_map, account_id, region_name)
    except ResourceFailed:
        raise
    except Exception as error:  # noqa: BLE001 - moto retries, then reports the last failure
        resource_type = resource_json["Type"]
        raise ResourceFailed(logical_id, resource_type, failure_reason(error, resource_type, None),
                             "UPDATE_FAILED") from error


def _delete_resource(self: parsing.ResourceMap, parsed_resource: Any, resource_json: dict[str, Any]) -> None:
    kept = KEPT_ON_ROLLBACK if getattr(self, "rolling_back_create", False) else KEPT_ON_DELETE
    if resource_json.get("DeletionPolicy") in kept:
        return
    _original_delete_resource(self, parsed_resource, resource_json)


def _resource_event(stack: models.Stack, failure: ResourceFailed) -> None:
    stack.events.append(models.Event(
        stack_id=stack.stack_id, stack_name=stack.name, logical_resource_id=failure.logical_id,
        physical_resource_id="", resource_type=failure.resource_type, resource_status=failure.status,
        resource_status_reason=failure.reason, resource_properties=None))


def _set_status(stack: models.Stack, status: str, reason: str | None = None) -> None:
    stack.status = status
    stack.status_reason = reason  # DescribeStacks' StackStatusReason
    stack._add_stack_event(status, resource_status_reason=reason)


def roll_back_create(stack: models.Stack, failure: ResourceFailed) -> None:
    """Record the failure, delete what the create made (``Retain`` stays) and end ``ROLLBACK_*``."""
    _resource_event(stack, failure)
    _set_status(stack, "ROLLBACK_IN_PROGRESS",
                f"The following resource(s) failed to create: [{failure.logical_id}]. Rollback requested by user.")
    resource_map = stack.resource_map
    resource_map.rolling_back_create = True
    try:
        resource_map.delete()
    except Exception as error:  # noqa: BLE001 - reported on the stack, as AWS does
        _set_status(stack, "ROLLBACK_FAILED", f"The following resource(s) failed to delete: {error}")
        return
    finally:
        resource_map.rolling_back_create = False
    exports = models.cloudformation_backends[stack.account_id][stack.region_name].exports
    for export in stack.exports:
        exports.pop(export.name, None)
    _set_status(stack, "ROLLBACK_COMPLETE")


def _create_resources(self: models.Stack) -> None:
    try:
        _original_create_resources(self)
    except ResourceFailed as failure:
        roll_back_create(self, failure)


def _execute_change_set(self: models.CloudFormationBackend, change_set_name: str,
                        stack_name: str | None = None) -> None:
    try:
        _original_execute_change_set(self, change_set_name, stack_name)
    except ResourceFailed as failure:
        change_set = self.describe_change_set(change_set_name)
        stack = self.stacks[change_set.stack_id]
        change_set.execution_status = "EXECUTE_FAILED"
        if change_set.change_set_type == "CREATE":
            stack.template = change_set.template
            stack._parse_template()
            roll_back_create(stack, failure)
        else:
            _resource_event(stack, failure)
            _set_status(stack, "UPDATE_ROLLBACK_FAILED",
                        f"{failure.logical_id} failed and the embedded AWS cannot undo the rest of the update "
                        "(moto applies updates in place); delete the stack and deploy again")


def install() -> None:
    parsing.parse_and_create_resource = _create_resource  # type: ignore[assignment]
    parsing.parse_and_update_resource = _update_resource  # type: ignore[assignment]
    parsing.ResourceMap._delete_resource = _delete_resource  # type: ignore[method-assign]
    models.Stack.create_resources = _create_resources  # type: ignore[method-assign]
    models.CloudFormationBackend.execute_change_set = _execute_change_set  # type: ignore[method-assign]


def uninstall() -> None:
    parsing.parse_and_create_resource = _original_create_resource  # type: ignore[assignment]
    parsing.parse_and_update_resource = _original_update_resource  # type: ignore[assignment]
    parsing.ResourceMap._delete_resource = _original_delete_resource  # type: ignore[method-assign]
    models.Stack.create_resources = _original_create_resources  # type: ignore[method-assign]
    models.CloudFormationBackend.execute_change_set = _original_execute_change_set  # type: ignore[method-assign]
