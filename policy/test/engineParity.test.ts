// The offline runner agrees with the real engine side: our pack served by @pulumi/policy's gRPC server, as `--policy-pack policy` runs it.

import * as assert from "node:assert/strict";
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";

import { PolicyInputResource, runPolicyPack } from "../runner";
import { T } from "../lib/types";
import { alter } from "./fixtures";
import { destStack, tokyoStack } from "./stacks";

// The server's own dependencies, resolved from where @pulumi/policy and @pulumi/pulumi find them.
const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
/* eslint-disable @typescript-eslint/no-require-imports */
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [policyDir] }));
const structpb = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] }));
const analyzerpb = require(path.join(pulumiDir, "proto", "analyzer_pb"));
const analyzerrpc = require(path.join(pulumiDir, "proto", "analyzer_grpc_pb"));
/* eslint-enable @typescript-eslint/no-require-imports */

type Finding = [policy: string, level: string, urn: string, message: string];

/** The generated gRPC client and messages come in untyped through `require`: the parts this test calls. */
type RpcMethod = (request: unknown, done: (e: Error | null, r: unknown) => void) => void;
interface AnalyzeDiagnostic {
    getMessage(): string;
    getDescription(): string;
    getEnforcementlevel(): number;
    getPolicyname(): string;
    getUrn(): string;
}
interface AnalyzeResponse {
    getDiagnosticsList(): AnalyzeDiagnostic[];
}

describe("runner parity with the @pulumi/policy server", function () {
    // The engine's language host type-checks the pack with ts-node before serving it.
    this.timeout(120000);
    let child: ChildProcess | undefined;
    let client: { close(): void } | undefined;

    before(async () => {
        child = spawn(process.execPath, [path.join(pulumiDir, "cmd", "run-policy-pack"), "127.0.0.1:1", "."], {
            cwd: path.join(__dirname, ".."),
        });
        let stderr = "";
        child.stderr?.on("data", (d) => (stderr += String(d)));
        const port = await new Promise<string>((resolve, reject) => {
            child?.stdout?.once("data", (d) => resolve(String(d).trim()));
            child?.once("exit", (code) => reject(new Error(`the pack exited with ${code} before serving: ${stderr}`)));
        });
        client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        child?.kill();
    });

    const rpc = (method: string, request: unknown): Promise<AnalyzeResponse> =>
        new Promise((resolve, reject) =>
            (client as unknown as Record<string, RpcMethod>)[method](request, (e, r) =>
                e ? reject(e) : resolve(r as AnalyzeResponse),
            ),
        );

    function analyzerResource<M>(
        message: M & {
            setType(t: string): void;
            setUrn(u: string): void;
            setName(n: string): void;
            setProperties(p: unknown): void;
            setOptions(o: unknown): void;
        },
        r: PolicyInputResource,
        props: Record<string, unknown>,
    ): M {
        message.setType(r.type);
        message.setUrn(r.urn);
        message.setName(r.name);
        message.setProperties(structpb.Struct.fromJavaScript(props));
        message.setOptions(new analyzerpb.AnalyzerResourceOptions());
        return message;
    }

    /** What the engine reports: Analyze on each resource's inputs, then AnalyzeStack on outputs (over inputs, with the id). */
    async function engineFindings(stack: PolicyInputResource[]): Promise<Finding[]> {
        const out: Finding[] = [];
        const collect = (resp: AnalyzeResponse, fallbackUrn: string): void => {
            for (const d of resp.getDiagnosticsList()) {
                // The engine prefixes the policy's description to the message it was given.
                const message = String(d.getMessage()).slice(String(d.getDescription()).length + 1);
                const level = ["advisory", "mandatory", "disabled", "remediate"][d.getEnforcementlevel()];
                out.push([d.getPolicyname(), level, d.getUrn() || fallbackUrn, message]);
            }
        };
        for (const r of stack)
            collect(await rpc("analyze", analyzerResource(new analyzerpb.AnalyzeRequest(), r, r.inputs)), r.urn);
        const request = new analyzerpb.AnalyzeStackRequest();
        request.setResourcesList(
            stack.map((r) => {
                const props: Record<string, unknown> = { ...r.inputs, ...(r.outputs ?? {}) };
                if (r.id !== undefined && props["id"] === undefined) props["id"] = r.id;
                return analyzerResource(new analyzerpb.AnalyzerResource(), r, props);
            }),
        );
        collect(await rpc("analyzeStack", request), "");
        return out;
    }

    const cases: [string, () => PolicyInputResource[]][] = [
        ["tokyo as built", tokyoStack],
        ["dest-account as built", destStack],
        [
            "Client VPN DNS typed as 10.0.0.1",
            () => alter(tokyoStack(), "client-vpn", T.clientVpnEndpoint, (i) => (i.dnsServers = ["10.0.0.1"])),
        ],
        [
            "MRAP routes in ap-northeast-3",
            () => alter(tokyoStack(), "mrap-routes", T.mrapRoutes, (i) => (i.region = "ap-northeast-3")),
        ],
        [
            "inventory bucket at ObjectWriter",
            () =>
                alter(
                    tokyoStack(),
                    "manifest-ownership",
                    T.ownershipControls,
                    (i) => (i.rule.objectOwnership = "ObjectWriter"),
                ),
        ],
        [
            "partner role trusting a whole account",
            () =>
                alter(
                    tokyoStack(),
                    "partner-writer",
                    T.role,
                    (i) => (i.assumeRolePolicy = i.assumeRolePolicy.replace(/,"Condition":\{[^}]*\}\}/, "")),
                ),
        ],
    ];
    for (const [title, build] of cases) {
        it(`reports the same findings: ${title}`, async () => {
            const stack = build();
            const offline = (await runPolicyPack(stack)).map((v): Finding => [
                v.policy,
                v.enforcementLevel,
                v.urn,
                v.message,
            ]);
            assert.deepStrictEqual(await engineFindings(stack), offline);
            if (title.endsWith("as built")) assert.deepStrictEqual(offline, []);
            else assert.equal(offline.length, 1);
        });
    }
});
