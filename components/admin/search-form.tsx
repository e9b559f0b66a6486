import { Button } from "@/components/ui/button";
import { SearchIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";

type Props = { action: string; label: string; placeholder: string; defaultValue?: string };

/**
 * A plain GET form: the search lands in the URL (`?q=`), so results can be bookmarked and
 * shared, and it works before (or without) any JavaScript. A new search starts at page one.
 */
export function SearchForm({ action, label, placeholder, defaultValue }: Props) {
  return (
    <form action={action} method="get" role="search" className="flex w-full max-w-lg items-end gap-2">
      <div className="min-w-0 flex-1">
        <label htmlFor="admin-search" className="sr-only">
          {label}
        </label>
        <Input
          id="admin-search"
          name="q"
          type="search"
          defaultValue={defaultValue}
          placeholder={placeholder}
          maxLength={100}
        />
      </div>
      <Button type="submit" variant="secondary">
        <SearchIcon className="size-4" />
        Search
      </Button>
    </form>
  );
}
