// Entry point the Pulumi engine runs for `--policy-pack policy`: constructs the pack once (a second PolicyPack would exit the process).

import { PolicyPack } from "@pulumi/policy";

import { packArgs, packName } from "./pack";

new PolicyPack(packName, packArgs);
