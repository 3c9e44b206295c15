import { SearchInput } from "@/components/data-table/search-input";
import { ParamChip, ParamSelect, ParamToggle } from "./param-controls";

/** The Packages page's filters; every one is a URL param, so a filtered view can be linked. */
export function PackagesFilters({
  managers,
  groups,
  hostLabel,
}: {
  managers: string[];
  /** Null when the viewer may not see host groups. */
  groups: { value: string; label: string }[] | null;
  hostLabel: string | null;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="packages-filters">
      <SearchInput placeholder="Search packages" aria-label="Search packages" className="w-64" />
      <ParamToggle param="updates" label="Needs update" testId="filter-updates" />
      <ParamToggle param="security" label="Security" testId="filter-security" />
      <ParamSelect
        param="pm"
        label="Package manager"
        allLabel="All managers"
        options={managers.map((pm) => ({ value: pm, label: pm }))}
        testId="filter-pm"
      />
      {groups ? (
        <ParamSelect
          param="group"
          label="Host group"
          allLabel="All groups"
          options={groups}
          testId="filter-group"
        />
      ) : null}
      <ParamChip param="host" label={hostLabel ? `Host: ${hostLabel}` : "One host"} testId="filter-host" />
    </div>
  );
}
