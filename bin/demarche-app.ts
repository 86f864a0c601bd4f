/** CDK entry (cdk.json runs it with tsx): the demarche stack, checked by cdk-nag on every synth. */
import { buildApp } from '../lib/app';
buildApp();
