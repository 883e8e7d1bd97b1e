// The real dependencies of the operations commands (terminal, clock, AWS SDK, automation API), for the entry files.
import * as path from "path";
import { discoverStacks } from "../config/stackFiles";
import { quietSdkNodeVersionNotice, realAwsClients } from "./common/awsClients";
import type { AdoptDeps } from "./adopt/adoptCommand";
import { consoleIo } from "./common/cli";
import type { DeployDeps } from "./deploy/deployCommand";
import type { FailoverDeps } from "./failover/failoverCommand";
import { backendUrl, probePulumiVersion } from "./common/preflight";
import { ensureLocalBackendFolder, LocalWorkspaceRunner, readStackOutputs } from "./common/pulumiWorkspace";
import { realClock } from "./verify/replicationProbe";
import type { VerifyDeps } from "./verify/verifyCommand";

/** The repository root: Pulumi.yaml and the stack files sit one level above operations/. */
export const PROJECT_DIR = path.resolve(__dirname, "..");

export function realDeps(env: NodeJS.ProcessEnv = process.env): DeployDeps & FailoverDeps & VerifyDeps & AdoptDeps {
    quietSdkNodeVersionNotice(env);
    const url = backendUrl(PROJECT_DIR, env);
    return {
        io: consoleIo,
        projectDir: PROJECT_DIR,
        env,
        now: () => Date.now(),
        clock: realClock,
        discoverStacks,
        probePulumi: probePulumiVersion,
        aws: realAwsClients,
        backendUrl: url,
        prepareBackend: ensureLocalBackendFolder,
        makeRunner: (envVars) => new LocalWorkspaceRunner(PROJECT_DIR, envVars),
        readStackOutputs: (stackName) => readStackOutputs(PROJECT_DIR, stackName, { PULUMI_BACKEND_URL: url }),
    };
}

/** Runs a command's main with the real dependencies and sets the exit code (never throws: mains return codes). */
export function runEntry(main: (argv: string[], deps: ReturnType<typeof realDeps>) => Promise<number>): void {
    void main(process.argv.slice(2), realDeps()).then((code) => {
        process.exitCode = code;
    });
}
