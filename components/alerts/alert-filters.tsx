import { FilterSelect } from "@/components/users/filter-select";
import { ALERT_TYPE_OPTIONS, SEVERITY_OPTIONS, STATUS_OPTIONS } from "./labels";

export type AlertFilterValues = {
  type: string;
  severity: string;
  status: string;
  host: string;
  group: string;
};

/** A GET form: every filter is a search param, so a filtered view can be linked and reloaded. */
export function AlertFilters({
  values,
  hosts,
  groups,
}: {
  values: AlertFilterValues;
  hosts: { id: string; name: string }[];
  groups: { id: string; name: string }[];
}) {
  const choices = (items: { id: string; name: string }[]) =>
    items.map((i) => ({ value: i.id, label: i.name }));
  return (
    <form
      method="get"
      action="/alerts"
      className="flex flex-wrap items-center gap-2"
      data-testid="alert-filters"
    >
      <FilterSelect
        name="type"
        label="Type"
        value={values.type}
        options={[{ value: "all", label: "All types" }, ...ALERT_TYPE_OPTIONS]}
        testId="alerts-type-filter"
      />
      <FilterSelect
        name="severity"
        label="Severity"
        value={values.severity}
        options={[{ value: "all", label: "Any severity" }, ...SEVERITY_OPTIONS]}
        testId="alerts-severity-filter"
      />
      <FilterSelect
        name="status"
        label="Status"
        value={values.status}
        options={[{ value: "all", label: "Any status" }, ...STATUS_OPTIONS]}
        testId="alerts-status-filter"
      />
      <FilterSelect
        name="host"
        label="Host"
        value={values.host}
        options={[{ value: "all", label: "All hosts" }, ...choices(hosts)]}
        testId="alerts-host-filter"
      />
      <FilterSelect
        name="group"
        label="Host group"
        value={values.group}
        options={[{ value: "all", label: "All groups" }, ...choices(groups)]}
        testId="alerts-group-filter"
      />
    </form>
  );
}
