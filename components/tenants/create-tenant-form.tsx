"use client";
// New organisation: the address (slug) follows the name until the user edits it themself.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { createTenantAction } from "@/app/(auth)/new/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { useForm } from "@/components/forms/use-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { SpinnerIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { createTenantSchema, slugify } from "@/lib/tenants/schemas";

type Parent = { slug: string; name: string };

export function CreateTenantForm({ parents }: { parents: Parent[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const { formRef, state, isPending, fieldErrors, error, onSubmit } = useForm({
    action: (_prev: Awaited<ReturnType<typeof createTenantAction>> | null, data: FormData) => createTenantAction(data),
    initialState: null,
    schema: createTenantSchema,
  });

  useEffect(() => {
    if (state?.ok) router.push(`/${state.data.slug}`);
  }, [state, router]);

  const field = (id: string) => ({
    "aria-invalid": fieldErrors?.[id] ? true : undefined,
    "aria-describedby": fieldErrors?.[id] ? `${id}-error` : `${id}-help`,
  });

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-6 flex flex-col gap-5">
      <FormAlert error={error} />
      <div>
        <Label htmlFor="name">Organisation name</Label>
        <Input
          id="name"
          name="name"
          required
          autoFocus
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (!slugTouched) setSlug(slugify(e.target.value));
          }}
          className="mt-1.5"
          {...field("name")}
        />
        <p id="name-help" className="sr-only">
          The name your staff will see
        </p>
        <FieldError id="name-error" messages={fieldErrors?.name} />
      </div>
      <div>
        <Label htmlFor="slug">Address</Label>
        <div className="mt-1.5 flex items-center gap-1 text-sm text-muted-foreground">
          <span aria-hidden="true">civitas/</span>
          <Input
            id="slug"
            name="slug"
            required
            value={slug}
            onChange={(e) => {
              setSlugTouched(true);
              setSlug(e.target.value);
            }}
            autoCapitalize="none"
            spellCheck={false}
            {...field("slug")}
          />
        </div>
        <p id="slug-help" className="mt-1.5 text-xs text-muted-foreground">
          Lower-case letters, digits and hyphens. It appears in every link to the organisation.
        </p>
        <FieldError id="slug-error" messages={fieldErrors?.slug} />
      </div>
      {parents.length > 0 ? (
        <div>
          <Label htmlFor="parentSlug">Part of (optional)</Label>
          <Select id="parentSlug" name="parentSlug" defaultValue="" className="mt-1.5" {...field("parentSlug")}>
            <option value="">None: a top-level organisation</option>
            {parents.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name}
              </option>
            ))}
          </Select>
          <p id="parentSlug-help" className="mt-1.5 text-xs text-muted-foreground">
            Members of the parent marked &ldquo;child orgs&rdquo; get their role here too.
          </p>
          <FieldError id="parentSlug-error" messages={fieldErrors?.parentSlug} />
        </div>
      ) : null}
      <Button type="submit" disabled={isPending || state?.ok} size="lg">
        {isPending || state?.ok ? <SpinnerIcon className="size-4" /> : null}
        Create organisation
      </Button>
    </form>
  );
}
