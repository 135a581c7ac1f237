"""Optional AWS WAF for the API stage: AWS's common rule set plus a per-IP rate limit."""

from __future__ import annotations

from troposphere import GetAtt, Ref, Sub, Template, apigateway, wafv2

from pipeline.config import Config

WEB_ACL = "ApiWebAcl"
RATE_WINDOW_S = 300
"""WAF counts a rate-based rule's requests over five minutes."""
MIN_RATE_LIMIT = 100


def rate_limit(config: Config) -> int:
    """Requests per IP per five minutes: what the stage's own throttle allows in that window."""
    return max(MIN_RATE_LIMIT, int(config.api_throttle_rate * RATE_WINDOW_S))


def _visibility(name: str) -> wafv2.VisibilityConfig:
    return wafv2.VisibilityConfig(CloudWatchMetricsEnabled=True, MetricName=name, SampledRequestsEnabled=True)


def add_web_acl(template: Template, *, config: Config, api: apigateway.RestApi,
                stage: apigateway.Stage) -> wafv2.WebACL:
    """Add the web ACL and associate it with the stage."""
    acl = template.add_resource(wafv2.WebACL(
        WEB_ACL,
        Name=config.resource_name("api"),
        Scope="REGIONAL",
        DefaultAction=wafv2.DefaultAction(Allow=wafv2.AllowAction()),
        VisibilityConfig=_visibility(config.resource_name("api")),
        Rules=[
            wafv2.WebACLRule(
                Name="AWSManagedRulesCommonRuleSet",
                Priority=0,
                OverrideAction=wafv2.OverrideAction(**{"None": {}}),
                Statement=wafv2.Statement(ManagedRuleGroupStatement=wafv2.ManagedRuleGroupStatement(
                    VendorName="AWS", Name="AWSManagedRulesCommonRuleSet")),
                VisibilityConfig=_visibility("common-rule-set"),
            ),
            wafv2.WebACLRule(
                Name="RateLimitPerIp",
                Priority=1,
                Action=wafv2.RuleAction(Block=wafv2.BlockAction()),
                Statement=wafv2.Statement(RateBasedStatement=wafv2.RateBasedStatement(
                    Limit=rate_limit(config), AggregateKeyType="IP", EvaluationWindowSec=RATE_WINDOW_S)),
                VisibilityConfig=_visibility("rate-limit-per-ip"),
            ),
            wafv2.WebACLRule(  # request patterns of known exploits, Log4j's JNDI lookups among them
                Name="AWSManagedRulesKnownBadInputsRuleSet",
                Priority=2,
                OverrideAction=wafv2.OverrideAction(**{"None": {}}),
                Statement=wafv2.Statement(ManagedRuleGroupStatement=wafv2.ManagedRuleGroupStatement(
                    VendorName="AWS", Name="AWSManagedRulesKnownBadInputsRuleSet")),
                VisibilityConfig=_visibility("known-bad-inputs"),
            ),
        ],
    ))
    template.add_resource(wafv2.WebACLAssociation(
        f"{WEB_ACL}Association",
        ResourceArn=Sub("arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}",
                        Api=Ref(api), Stage=Ref(stage)),
        WebACLArn=GetAtt(acl, "Arn"),
    ))
    return acl
