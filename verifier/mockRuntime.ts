// Installs Pulumi mocks that answer like AWS would and record every resource with its parent and dependencies.
import * as pulumi from "@pulumi/pulumi";
import { mockOutput } from "./mockOutputs";

export interface MockEnvironment {
    project?: string;
    stack: string;
    organization?: string;
    accountId: string;
    region: string;
    /** Outputs of already-evaluated peer stacks, by bare stack name. */
    peers?: Readonly<Record<string, Record<string, unknown>>>;
}

/** One registered resource, as the plan, the policy pack and the tests see it. */
export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    id?: string;
    parent?: string;
    dependencies: string[];
    provider?: string;
    protect: boolean;
    retainOnDelete: boolean;
    inputs: Record<string, any>;
    outputs: Record<string, any>;
}

// Internal SDK modules: the public mock API hands `newResource` neither the parent nor the
// dependencies of a resource, which the plan's resource tree and the policy pack need.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rpc = require("@pulumi/pulumi/runtime/rpc") as { deserializeProperties(o: unknown): Record<string, any> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

/** Inputs that are plumbing, not configuration (the dynamic provider's serialized closure). */
function cleanInputs(inputs: Record<string, any>): Record<string, any> {
    const { __provider, ...rest } = inputs;
    void __provider;
    return rest;
}

export class ResourceRecorder {
    readonly resources: RecordedResource[] = [];
    readonly invokes: string[] = [];

    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The single resource of `type` named `name`; fails when there is none or more than one. */
    one(type: string, name: string): RecordedResource {
        const found = this.resources.filter((r) => r.type === type && r.name === name);
        if (found.length !== 1) {
            throw new Error(
                `expected one ${type} named ${name}, found ${found.length}; have: ${this.resources.map((r) => `${r.type}/${r.name}`).join(", ")}`,
            );
        }
        return found[0];
    }

    clear(): void {
        this.resources.length = 0;
        this.invokes.length = 0;
    }
}

interface MonitorRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProvider(): string;
    getObject?(): unknown;
    getProperties?(): unknown;
    getDependenciesList?(): string[];
    getProtect?(): boolean;
    getRetainondelete?(): boolean;
    getId?(): string;
}

interface MonitorResponse {
    getUrn(): string;
    getId?(): string;
    getObject?(): unknown;
    getProperties?(): unknown;
}

type MonitorMethod = (req: MonitorRequest, cb: (err: unknown, resp?: MonitorResponse) => void) => void;

/**
 * Sets Pulumi mocks for one stack and returns the recorder. Every invoke is refused: the program
 * takes its facts (accounts, regions, AZs, CIDRs) from config, so an invoke is a defect.
 */
export async function installMocks(env: MockEnvironment): Promise<ResourceRecorder> {
    const recorder = new ResourceRecorder();
    const peers = env.peers ?? {};
    const mocks: pulumi.runtime.Mocks = {
        newResource(args) {
            const inputs = args.inputs as Record<string, any>;
            const region = typeof inputs.region === "string" && inputs.region ? inputs.region : env.region;
            return mockOutput({ type: args.type, name: args.name, inputs, accountId: env.accountId, region, peers });
        },
        call(args) {
            recorder.invokes.push(args.token);
            throw new Error(`unexpected invoke ${args.token}: the program must take this fact from config`);
        },
    };
    await pulumi.runtime.setMocks(
        mocks,
        env.project ?? "s3-multiregion",
        env.stack,
        false,
        env.organization ?? "organization",
    );

    const monitor = pulumi.runtime.getMonitor() as unknown as Record<string, MonitorMethod> & {
        newUrn(p: string, t: string, n: string): string;
    };
    const wrap = (
        method: "registerResource" | "readResource",
        getInputs: (req: MonitorRequest) => unknown,
        getOutputs: (resp: MonitorResponse) => unknown,
    ) => {
        const original = monitor[method].bind(monitor);
        monitor[method] = (req, cb) => {
            original(req, (err, resp) => {
                if (!err && resp) {
                    const parent = req.getParent() || undefined;
                    recorder.resources.push({
                        urn: resp.getUrn(),
                        type: req.getType(),
                        name: req.getName(),
                        custom: method === "readResource" ? true : req.getCustom(),
                        id: resp.getId?.() || req.getId?.() || undefined,
                        parent,
                        dependencies: req.getDependenciesList?.() ?? [],
                        provider: req.getProvider() || undefined,
                        protect: req.getProtect?.() ?? false,
                        retainOnDelete: req.getRetainondelete?.() ?? false,
                        inputs: cleanInputs(rpc.deserializeProperties(getInputs(req))),
                        outputs: cleanInputs(rpc.deserializeProperties(getOutputs(resp))),
                    });
                }
                cb(err, resp);
            });
        };
    };
    wrap(
        "registerResource",
        (req) => req.getObject?.(),
        (resp) => resp.getObject?.(),
    );
    wrap(
        "readResource",
        (req) => req.getProperties?.(),
        (resp) => resp.getProperties?.(),
    );
    return recorder;
}

/** Waits until every pending registration has been answered (await this before reading the recorder). */
export function settle(): Promise<void> {
    return settings.waitForRPCs();
}

/**
 * Resolves an Output's value under mocks, rejecting when the Output fails (a `done` callback inside
 * `apply` would turn a failure into a timeout). `promise()` is the SDK's internal accessor.
 */
export function valueOf<T>(o: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
    return (pulumi.output(o) as unknown as { promise(): Promise<pulumi.Unwrap<T>> }).promise();
}
