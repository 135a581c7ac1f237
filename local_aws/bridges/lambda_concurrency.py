"""Lambda bridge: the account's concurrency limit, reported and enforced as AWS does.

moto 5.2.5 has no ``GetAccountSettings`` route (404), enforces reserved concurrency only in
``PutFunctionConcurrency`` and only when ``MOTO_LAMBDA_CONCURRENCY_QUOTA`` is set, and neither checks the
``ReservedConcurrentExecutions`` a CloudFormation function is created with nor applies it on update. So a
stack reserving more concurrency than the account has deployed locally and failed on a new account.

With the bridge, the account's limit is :attr:`AccountQuotas.lambda_concurrent_executions` (1000 unless a
test sets it) and:

* ``GetAccountSettings`` answers ``AccountLimit.ConcurrentExecutions`` and
  ``UnreservedConcurrentExecutions`` (the limit less every function's reserved concurrency);
* ``PutFunctionConcurrency``, and a function created or updated by CloudFormation with
  ``ReservedConcurrentExecutions``, are refused when they would leave less unreserved concurrency than
  AWS's minimum, 100 (or the whole limit when it is below 100: a limit of 10 allows no reservation):
  ``InvalidParameterValueException`` "Specified ReservedConcurrentExecutions for function decreases
  account's UnreservedConcurrentExecution below its minimum value of [100]." In a stack the function is
  ``CREATE_FAILED`` with that message and the stack rolls back (CloudFormation rollback bridge).
"""

from __future__ import annotations

import json
from typing import Any

from moto.awslambda import urls
from moto.awslambda.exceptions import InvalidParameterValueException
from moto.awslambda.models import LambdaBackend, LambdaFunction, lambda_backends
from moto.awslambda.responses import LambdaResponse

from local_aws.bridges.account_quotas import account_quotas

#: AWS keeps this much concurrency unreserved (or the whole limit, when smaller).
UNRESERVED_MINIMUM = 100
#: Code size limits of ``GetAccountSettings`` (bytes), AWS's fixed values.
TOTAL_CODE_SIZE = 80_530_636_800
CODE_SIZE_UNZIPPED = 262_144_000
CODE_SIZE_ZIPPED = 52_428_800
ROUTE = r"{0}/(?P<api_version>[^/]+)/account-settings/?$"

_original_put = LambdaBackend.put_function_concurrency
_original_create = LambdaBackend.create_function
_original_update = LambdaFunction.__dict__["update_from_cloudformation_json"]


def reserved_elsewhere(backend: LambdaBackend, function_name: str | None = None) -> int:
    """Concurrency reserved by every function but ``function_name``."""
    return sum(int(fn.reserved_concurrency) for fn in backend.list_functions()
               if fn.reserved_concurrency and fn.function_name != function_name)


def check_reservation(backend: LambdaBackend, function_name: str, reserved: Any) -> None:
    """Refuse ``reserved`` for ``function_name`` as AWS does when too little would stay unreserved."""
    if reserved in (None, ""):
        return
    limit = account_quotas().lambda_concurrent_executions
    minimum = min(UNRESERVED_MINIMUM, limit)
    if limit - reserved_elsewhere(backend, function_name) - int(reserved) < minimum:
        raise InvalidParameterValueException(
            "Specified ReservedConcurrentExecutions for function decreases account's "
            f"UnreservedConcurrentExecution below its minimum value of [{minimum}].")


def account_settings(backend: LambdaBackend) -> dict[str, Any]:
    """The body of ``GetAccountSettings``."""
    limit = account_quotas().lambda_concurrent_executions
    functions = backend.list_functions()
    return {
        "AccountLimit": {"TotalCodeSize": TOTAL_CODE_SIZE, "CodeSizeUnzipped": CODE_SIZE_UNZIPPED,
                         "CodeSizeZipped": CODE_SIZE_ZIPPED, "ConcurrentExecutions": limit,
                         "UnreservedConcurrentExecutions": limit - reserved_elsewhere(backend)},
        "AccountUsage": {"TotalCodeSize": sum(int(fn.code_size) for fn in functions),
                         "FunctionCount": len(functions)},
    }


def _get_account_settings(self: LambdaResponse) -> tuple[int, dict[str, str], str]:
    return 200, {}, json.dumps(account_settings(self.backend))


def _put_function_concurrency(self: LambdaBackend, function_name: str, reserved_concurrency: str) -> str:
    fn = self.get_function(function_name)
    check_reservation(self, fn.function_name, reserved_concurrency)
    fn.reserved_concurrency = reserved_concurrency
    return fn.reserved_concurrency


def _create_function(self: LambdaBackend, spec: dict[str, Any]) -> LambdaFunction:
    check_reservation(self, spec.get("FunctionName", ""), spec.get("ReservedConcurrentExecutions"))
    return _original_create(self, spec)


def _update_from_cloudformation_json(cls: type, original_resource: LambdaFunction, new_resource_name: str,
                                     cloudformation_json: dict[str, Any], account_id: str,
                                     region_name: str) -> LambdaFunction:
    reserved = cloudformation_json["Properties"].get("ReservedConcurrentExecutions")
    check_reservation(lambda_backends[account_id][region_name], original_resource.function_name, reserved)
    updated = _original_update.__func__(cls, original_resource, new_resource_name, cloudformation_json,
                                        account_id, region_name)
    updated.reserved_concurrency = reserved
    return updated


def install() -> None:
    urls.url_paths[ROUTE] = LambdaResponse.dispatch
    LambdaResponse.get_account_settings = _get_account_settings  # type: ignore[attr-defined]
    LambdaBackend.put_function_concurrency = _put_function_concurrency  # type: ignore[method-assign]
    LambdaBackend.create_function = _create_function  # type: ignore[method-assign]
    LambdaFunction.update_from_cloudformation_json = classmethod(_update_from_cloudformation_json)  # type: ignore


def uninstall() -> None:
    urls.url_paths.pop(ROUTE, None)
    if "get_account_settings" in LambdaResponse.__dict__:
        del LambdaResponse.get_account_settings  # type: ignore[attr-defined]
    LambdaBackend.put_function_concurrency = _original_put  # type: ignore[method-assign]
    LambdaBackend.create_function = _original_create  # type: ignore[method-assign]
    LambdaFunction.update_from_cloudformation_json = _original_update  # type: ignore[method-assign]
