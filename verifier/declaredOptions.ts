// What each resource's options declared (deleteBeforeReplace, protect, dependsOn...), captured by a stack transformation, the SDK's public hook.
//
// The resource monitor only sees options after the SDK has folded them into a request, and the
// public mock API hands `newResource` none of them. A stack transformation sees every resource's
// options as the program wrote them, so tests can assert e.g. that the MRAP is replaced
// delete-first. `registerResourceTransform` would be the newer hook, but `setMocks` declares the
// engine without transform support and the SDK refuses it; `registerStackTransformation` runs in
// process and works under mocks once a root stack exists.
import * as pulumi from "@pulumi/pulumi";
import { engineUrn, outputValue } from "./pulumiSdk";

/** The options a resource declared; a key is present only when the program set it. URNs as the recorder writes them. */
export interface DeclaredOptions {
    deleteBeforeReplace?: boolean;
    protect?: boolean;
    retainOnDelete?: boolean;
    ignoreChanges?: string[];
    replaceOnChanges?: string[];
    /** URNs of the resources in `dependsOn`. */
    dependsOn?: string[];
    /** URN of the declared parent. */
    parent?: string;
    /** URN of the `deletedWith` resource. */
    deletedWith?: string;
}

interface Captured {
    resource: pulumi.Resource;
    opts: pulumi.CustomResourceOptions & pulumi.ComponentResourceOptions;
}

/**
 * Creates the root stack every later resource is parented to (as under the Pulumi CLI) and registers
 * the transformation that captures options. Resolves once the root is in place.
 */
export async function captureDeclaredOptions(): Promise<{ resolve(): Promise<Map<string, DeclaredOptions>> }> {
    const captured: Captured[] = [];
    await new Promise<void>((inRoot) => {
        new pulumi.runtime.Stack(async () => {
            inRoot();
            return {};
        });
    });
    pulumi.runtime.registerStackTransformation((args) => {
        captured.push({ resource: args.resource, opts: args.opts });
        return undefined;
    });
    return {
        /** Every captured resource's declared options by URN; call once every registration is answered. */
        async resolve() {
            const byUrn = new Map<string, DeclaredOptions>();
            for (const c of captured) byUrn.set(engineUrn(await outputValue(c.resource.urn)), await declared(c.opts));
            return byUrn;
        },
    };
}

async function declared(opts: Captured["opts"]): Promise<DeclaredOptions> {
    const urnOf = async (r: pulumi.Input<pulumi.Resource> | undefined) => {
        const resource = r === undefined ? undefined : await outputValue(r);
        return resource === undefined ? undefined : engineUrn(await outputValue((resource as pulumi.Resource).urn));
    };
    const dependsOn =
        opts.dependsOn === undefined
            ? undefined
            : await Promise.all(
                  ([] as pulumi.Input<pulumi.Resource>[])
                      .concat((await outputValue(opts.dependsOn)) as pulumi.Resource[])
                      .map(urnOf),
              );
    const out: DeclaredOptions = {
        deleteBeforeReplace: opts.deleteBeforeReplace,
        protect: opts.protect,
        retainOnDelete: opts.retainOnDelete,
        ignoreChanges: opts.ignoreChanges,
        replaceOnChanges: opts.replaceOnChanges,
        dependsOn: dependsOn as string[] | undefined,
        parent: await urnOf(opts.parent),
        deletedWith: await urnOf(opts.deletedWith),
    };
    return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as DeclaredOptions;
}
