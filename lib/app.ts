/**
 * The CDK app: the demarche stack with cdk-nag's AwsSolutions checks run on every synth.
 * Environment-agnostic (no account/region, no lookups) so `cdk synth` works offline.
 */
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DemarcheStack, type DemarcheStackProps } from './demarche-stack';

/** The stack's construct id (and CloudFormation stack name). */
export const STACK_ID = 'Demarche';

/** Feature flags the stack is written for (new-project defaults of CDK that matter here). */
export const FEATURE_FLAGS = {
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-s3:createDefaultLoggingPolicy': true,
  '@aws-cdk/aws-iam:minimizePolicies': true,
  '@aws-cdk/aws-apigateway:usagePlanKeyOrderInsensitiveId': true,
  '@aws-cdk/core:stackRelativeExports': true,
} as const;

/** Builds the app and its stack; tests pass stub code or an output directory. */
export const buildApp = (props: { app?: AppProps; stack?: DemarcheStackProps } = {}): { app: App; stack: DemarcheStack } => {
  const app = new App({ ...props.app, context: { ...FEATURE_FLAGS, ...props.app?.context } });
  // `cdk deploy -c stackName=demarche-staging` deploys a second, independent copy.
  const stackName = app.node.tryGetContext('stackName') as string | undefined;
  const stack = new DemarcheStack(app, STACK_ID, { ...(stackName ? { stackName } : {}), ...props.stack });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
};
