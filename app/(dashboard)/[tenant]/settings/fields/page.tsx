import { notFound } from "next/navigation";
import { CustomFieldForm } from "@/components/custom-fields/custom-field-form";
import { ConfirmActionButton } from "@/components/forms/confirm-action-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireTenantAccess, tenantContext } from "@/lib/auth/tenant-access";
import { listCustomFields } from "@/lib/citizens/custom-fields";
import { deleteCustomFieldAction, setCustomFieldPiiAction } from "./actions";
import { tenantMetadata } from "@/lib/tenants/page-title";

export const generateMetadata = tenantMetadata("Custom fields");

export default async function CustomFieldsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const [access, ctx] = await Promise.all([requireTenantAccess(slug), tenantContext(slug)]);
  if (!can(access.role, "custom_field.manage")) notFound();
  const fields = await listCustomFields(ctx);
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">Custom fields</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Extra details {access.tenant.name} records for every citizen, checked by type on every save and import.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Fields ({fields.length})</CardTitle>
        </CardHeader>
        <CardContent>
          {fields.length === 0 ? (
            <p className="text-sm text-muted-foreground">No custom fields yet.</p>
          ) : (
            <ul className="divide-y divide-border text-sm">
              {fields.map((f) => (
                <li key={f.id} className="flex flex-wrap items-center justify-between gap-3 py-2.5">
                  <span>
                    <span className="font-medium text-foreground">{f.label}</span>{" "}
                    <code className="text-xs text-muted-foreground">{f.key}</code>
                    <span className="text-muted-foreground">
                      {" "}
                      · {f.type.toLowerCase()}
                      {f.type === "SELECT" ? ` (${f.options.join(", ")})` : ""}
                      {f.required ? " · required" : ""}
                      {f.pii ? " · personal data" : ""}
                    </span>
                  </span>
                  <span className="flex flex-wrap gap-2">
                    <ConfirmActionButton
                      label={f.pii ? "Not personal data" : "Mark as personal data"}
                      confirmLabel={f.pii ? "Unmark" : "Mark"}
                      accessibleName={f.label}
                      variant="secondary"
                      run={setCustomFieldPiiAction.bind(null, slug, { id: f.id, pii: !f.pii })}
                    />
                    <ConfirmActionButton
                      label="Delete"
                      confirmLabel="Delete field"
                      accessibleName={f.label}
                      run={deleteCustomFieldAction.bind(null, slug, { id: f.id })}
                    />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Add a field</CardTitle>
          <CardDescription>
            Existing values stay on the records when a field is deleted, but are no longer shown.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CustomFieldForm slug={slug} />
        </CardContent>
      </Card>
    </div>
  );
}
