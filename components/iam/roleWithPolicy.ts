// The shape every role component shares: one IAM role, its one inline permission policy, its ARN.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** What a role component decides itself: the physical name, who may assume the role, and what it may do. */
export interface RoleWithPolicySpec {
    /** Physical role name: other stacks and accounts grant it by a deterministic ARN. */
    roleName: string;
    /** Shown in the IAM console. */
    description: string;
    /** The trust policy (JSON): the component's own principal and conditions. */
    trustPolicy: pulumi.Input<string>;
    /** Name of the inline policy on the role. */
    policyName: string;
    /** The permission policy (JSON). */
    permissionPolicy: pulumi.Input<string>;
}

/**
 * A role component: the role is named after the component, its policy `<name>-permissions`, both
 * children of the component. The subclass validates its args before calling this constructor, so a
 * bad value is one line and no resource is declared.
 */
export abstract class RoleWithPolicy extends pulumi.ComponentResource {
    readonly role: aws.iam.Role;
    /** Whatever uses the role depends on this: a role without its permissions fails at first use, not at deploy. */
    readonly policy: aws.iam.RolePolicy;
    readonly arn: pulumi.Output<string>;

    protected constructor(
        type: string,
        name: string,
        spec: RoleWithPolicySpec,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super(type, name, {}, opts);
        this.role = new aws.iam.Role(
            name,
            { name: spec.roleName, description: spec.description, assumeRolePolicy: spec.trustPolicy },
            { parent: this },
        );
        this.policy = new aws.iam.RolePolicy(
            `${name}-permissions`,
            { role: this.role.name, name: spec.policyName, policy: spec.permissionPolicy },
            { parent: this },
        );
        this.arn = this.role.arn;
        this.registerOutputs({ arn: this.arn });
    }
}
