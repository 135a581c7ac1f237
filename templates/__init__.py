"""CloudFormation templates as troposphere code: one module per concern, composed in ``assembly``.

``build_bootstrap_template(config)`` and ``build_main_template(config)`` are the entry points;
``templates.names`` holds the stack, parameter and output names that ``build.py`` and tests import,
``templates.catalogue`` the one definition of the Lambda functions and their artifacts.
"""
