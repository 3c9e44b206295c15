import { Search } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FilterSelect } from "./filter-select";

/** A GET form: the filters are the URL's search params, so a filtered view can be linked. */
export function UsersFilters({
  search,
  roleId,
  status,
  roles,
}: {
  search: string;
  roleId: string;
  status: string;
  roles: { value: string; label: string }[];
}) {
  return (
    <form
      method="get"
      action="/users"
      className="flex flex-wrap items-center gap-2"
      data-testid="users-filters"
    >
      <div className="relative">
        <Search className="absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden />
        <Input
          type="search"
          name="search"
          defaultValue={search}
          placeholder="Search name, username or email"
          aria-label="Search users"
          className="w-72 pl-8"
          data-testid="users-search"
        />
      </div>
      <FilterSelect
        name="roleId"
        label="Role"
        value={roleId}
        options={[{ value: "all", label: "All roles" }, ...roles]}
        testId="users-role-filter"
      />
      <FilterSelect
        name="status"
        label="Status"
        value={status}
        options={[
          { value: "all", label: "Any status" },
          { value: "active", label: "Active" },
          { value: "disabled", label: "Disabled" },
          { value: "locked", label: "Locked" },
        ]}
        testId="users-status-filter"
      />
      <Button type="submit" variant="secondary" data-testid="users-filter-submit">
        Apply
      </Button>
    </form>
  );
}
