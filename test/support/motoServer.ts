// A real AWS API on loopback for tests: moto_server (S3, STS, IAM, KMS, CloudWatch) started on a free
// port and stopped after the suite. A test that needs it fails, never skips, when it cannot start.
import { ChildProcess, spawn } from "child_process";

export interface MotoServer {
    /** `http://127.0.0.1:<port>`: pass as `endpoint` to SDK clients (S3 with `forcePathStyle: true`). */
    endpoint: string;
    /** Forgets every bucket, object, key and role: each test starts from an empty account. */
    reset(): Promise<void>;
    stop(): Promise<void>;
    /** The moto_server process. */
    child: ChildProcess;
}

/** The account moto serves when no other is asked for. */
export const MOTO_DEFAULT_ACCOUNT = "123456789012";

/** Credentials and settings for SDK clients talking to moto; no real credentials are ever read. */
export function motoClientConfig(endpoint: string, region = "ap-northeast-1") {
    return {
        endpoint,
        region,
        forcePathStyle: true,
        credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    };
}

const START_TIMEOUT_MS = 30_000;

/** Starts `moto_server` on a free loopback port and resolves once it answers HTTP. */
export async function startMotoServer(env: NodeJS.ProcessEnv = {}): Promise<MotoServer> {
    let child: ChildProcess;
    try {
        child = spawn("moto_server", ["-H", "127.0.0.1", "-p", "0"], {
            stdio: ["ignore", "pipe", "pipe"],
            env: { ...process.env, ...env },
        });
    } catch (e) {
        throw new Error(`moto_server could not be started (is moto installed?): ${(e as Error).message}`, {
            cause: e,
        });
    }
    const endpoint = await new Promise<string>((resolve, reject) => {
        let output = "";
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`moto_server printed no address within ${START_TIMEOUT_MS / 1000} s: ${output.trim()}`));
        }, START_TIMEOUT_MS);
        const onData = (chunk: Buffer) => {
            output += chunk.toString();
            const m = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
            if (m) {
                clearTimeout(timer);
                resolve(m[1]);
            }
        };
        child.stdout!.on("data", onData);
        child.stderr!.on("data", onData);
        child.once("error", (e) => {
            clearTimeout(timer);
            reject(new Error(`moto_server could not be started (is moto installed?): ${e.message}`));
        });
        child.once("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`moto_server exited with code ${code} before it was ready: ${output.trim()}`));
        });
    });
    // The address is printed before the first request is served: wait until it answers.
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
        try {
            const r = await fetch(`${endpoint}/moto-api/`);
            if (r.ok) break;
        } catch {
            /* not listening yet */
        }
        if (Date.now() > deadline) throw new Error(`moto_server at ${endpoint} did not answer`);
        await new Promise((r) => setTimeout(r, 100));
    }
    return {
        endpoint,
        child,
        async reset() {
            const r = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
            if (!r.ok) throw new Error(`moto_server reset failed: HTTP ${r.status}`);
        },
        stop() {
            return new Promise<void>((resolve) => {
                if (child.exitCode !== null || child.signalCode !== null) return resolve();
                child.once("exit", () => resolve());
                child.kill("SIGTERM");
            });
        },
    };
}

/** Servers kept for the whole test process, one per environment: see `useMotoServer`. */
const shared = new Map<string, Promise<MotoServer>>();

/** Starts a server that does not keep the process alive and is killed when the process exits. */
async function startSharedServer(env: NodeJS.ProcessEnv): Promise<MotoServer> {
    const server = await startMotoServer(env);
    const child = server.child;
    child.unref();
    for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();
    process.once("exit", () => child.kill("SIGKILL"));
    return server;
}

/**
 * Mocha hooks: a server for the enclosing `describe`, reset before each test. Read `.endpoint` inside tests (it is
 * set by the `before` hook). The server is started once per test process and environment and reused by every
 * `describe` that asks for the same one: starting moto takes about a second, and a mutation run repeats each
 * `describe`'s hooks for every mutant it tests. The reset before each test gives every test an empty account all
 * the same.
 */
export function useMotoServer(env: NodeJS.ProcessEnv = {}): { readonly endpoint: string } {
    let server: MotoServer | undefined;
    const handle = {
        get endpoint(): string {
            if (!server) throw new Error("moto_server is not running: call useMotoServer() inside a describe block");
            return server.endpoint;
        },
    };
    before(async function () {
        this.timeout(START_TIMEOUT_MS + 10_000);
        const key = JSON.stringify(Object.entries(env).sort());
        let started = shared.get(key);
        if (
            !started ||
            (await started.then(
                (s) => s.child.exitCode !== null || s.child.signalCode !== null,
                () => true,
            ))
        ) {
            started = startSharedServer(env);
            shared.set(key, started);
        }
        server = await started;
    });
    beforeEach(async () => server!.reset());
    return handle;
}
