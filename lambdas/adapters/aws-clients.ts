/**
 * Every AWS SDK client demarche uses, created once per process on first use (one instance per
 * client, shared with the per-client modules). Endpoints come from the SDK's own
 * `AWS_ENDPOINT_URL_DYNAMODB` / `AWS_ENDPOINT_URL_S3` variables, so the local runtime and tests
 * point the very same handlers at DynamoDB Local and s3rver; `DEMARCHE_S3_FORCE_PATH_STYLE=1`
 * turns on path-style addressing, which s3rver needs.
 *
 * Lambda code imports `./dynamo-clients` or `./s3-client` directly instead, so each function's
 * bundle loads only the SDK clients it uses (see docs/deploy.md, bundles); tests, benches and the
 * local runtime may use this module.
 */
export { documentClient, dynamoClient } from './dynamo-clients';
export { s3Client } from './s3-client';
