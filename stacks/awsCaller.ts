// The stack's AWS settings (aws:profile, aws:assumeRoles or aws:assumeRole, aws:allowedAccountIds) for resources the
// AWS provider does not make, like the Batch Replication job.
import * as pulumi from "@pulumi/pulumi";
import { BatchJobAssumeRole, BatchJobCallerSettings } from "../components/batch/batchJobCaller";

/** The AWS provider's role shape; the program uses its three fields that matter to who the caller is. */
interface ProviderAssumeRole {
    roleArn?: string;
    sessionName?: string;
    externalId?: string;
}

function role(r: ProviderAssumeRole): BatchJobAssumeRole {
    return {
        roleArn: r.roleArn ?? "",
        ...(r.sessionName ? { sessionName: r.sessionName } : {}),
        ...(r.externalId ? { externalId: r.externalId } : {}),
    };
}

/**
 * The same settings the stack's AWS provider runs with, so that the job is created as this stack's
 * account and not as whatever credentials the process has by default. Their shapes are checked by the
 * job (one line naming the aws: key); `aws:assumeRoles` wins over the older single `aws:assumeRole`.
 */
export function stackAwsCaller(): BatchJobCallerSettings {
    const aws = new pulumi.Config("aws");
    const profile = aws.get("profile");
    const roles = aws.getObject<ProviderAssumeRole[]>("assumeRoles");
    const single = aws.getObject<ProviderAssumeRole>("assumeRole");
    const allowed = aws.getObject<string[]>("allowedAccountIds");
    const assumeRoles = roles && roles.length > 0 ? roles.map(role) : single?.roleArn ? [role(single)] : [];
    return {
        ...(profile ? { profile } : {}),
        ...(assumeRoles.length > 0 ? { assumeRoles } : {}),
        ...(allowed && allowed.length > 0 ? { allowedAccountIds: allowed } : {}),
    };
}
