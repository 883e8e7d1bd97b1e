// A system view over a few plain resources, and a bucket to put in it, for the system view's own tests.

import { StackView } from "../lib/stack";
import { SystemView } from "../lib/system";
import { T } from "../lib/types";

export function system(...resources: { type: string; name: string; props: Record<string, unknown> }[]): SystemView {
    return new SystemView(
        new StackView({
            resources: resources.map((r) => ({
                ...r,
                urn: `urn:pulumi:test::p::${r.type}::${r.name}`,
                dependencies: [],
            })),
        } as never),
    );
}

export const bucket = (name: string, props: Record<string, unknown> = {}) => ({
    type: T.bucket,
    name,
    props: { bucket: name, ...props },
});
