// Installs Pulumi mocks that answer like AWS would and record every resource with its parent and dependencies.
import * as pulumi from "@pulumi/pulumi";
import { captureDeclaredOptions, DeclaredOptions } from "./declaredOptions";
import { mockOutput } from "./mockOutputs";
import { engineUrn, onRegistration, outputValue, waitForRegistrations } from "./pulumiSdk";

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
    /** Read from the live account (`Resource.get`, an adopted bucket), never created, changed or deleted. */
    read?: boolean;
    id?: string;
    parent?: string;
    dependencies: string[];
    provider?: string;
    protect: boolean;
    retainOnDelete: boolean;
    /** The options the program declared on the resource (filled in by `settle`). */
    options?: DeclaredOptions;
    inputs: Record<string, any>;
    outputs: Record<string, any>;
}

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
            return mockOutput({
                type: args.type,
                name: args.name,
                inputs,
                accountId: env.accountId,
                region,
                peers,
                ...(args.id ? { id: args.id } : {}),
            });
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

    let rootUrn: string | undefined;
    onRegistration(({ method, req, resp, inputs, outputs }) => {
        // The root stack is the CLI's frame, not part of the program (a plan lists what the program declares).
        if (req.getType() === "pulumi:pulumi:Stack") {
            rootUrn = resp.getUrn();
            return;
        }
        const parent = req.getParent() || undefined;
        recorder.resources.push({
            urn: engineUrn(resp.getUrn()),
            type: req.getType(),
            name: req.getName(),
            custom: method === "readResource" ? true : req.getCustom(),
            read: method === "readResource",
            id: resp.getId?.() || req.getId?.() || undefined,
            parent: parent === undefined || parent === rootUrn ? undefined : engineUrn(parent),
            dependencies: (req.getDependenciesList?.() ?? []).map(engineUrn),
            provider: req.getProvider() ? engineUrn(req.getProvider()) : undefined,
            protect: req.getProtect?.() ?? false,
            retainOnDelete: req.getRetainondelete?.() ?? false,
            inputs: cleanInputs(inputs),
            outputs: cleanInputs(outputs),
        });
    });
    const options = await captureDeclaredOptions();
    current = { recorder, options };
    return recorder;
}

let current: { recorder: ResourceRecorder; options: Awaited<ReturnType<typeof captureDeclaredOptions>> } | undefined;

/** Waits until every pending registration has been answered and fills in each resource's declared options (await this before reading the recorder). */
export async function settle(): Promise<void> {
    await waitForRegistrations();
    if (current === undefined) return;
    const declared = await current.options.resolve();
    for (const r of current.recorder.resources) r.options = declared.get(r.urn) ?? {};
}

/**
 * Resolves an Output's value under mocks, rejecting when the Output fails (a `done` callback inside
 * `apply` would turn a failure into a timeout).
 */
export function valueOf<T>(o: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
    return outputValue(o);
}
