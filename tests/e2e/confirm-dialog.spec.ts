// The shared confirmation dialog from the keyboard: the typed field has focus, Enter confirms only
// once the name matches, Escape leaves without doing anything.
import { expect, test } from "@playwright/test";

test("deleting a host group by keyboard: focus on the typed name, Enter confirms, Escape cancels", async ({
  page,
}) => {
  const name = `kbd-${Date.now().toString(36)}`;
  await page.goto("/host-groups");
  await page.getByTestId("group-create").click();
  await page.getByTestId("group-name").fill(name);
  await page.getByTestId("group-save").click();
  const row = page.getByTestId(`group-row-${name}`);
  await expect(row).toBeVisible();

  const trigger = row.getByRole("button", { name: `Delete ${name}` });
  await trigger.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog", { name: `Delete host group “${name}”?` });
  await expect(dialog).toBeVisible();
  const typed = dialog.getByLabel(`Type ${name} to confirm`);
  await expect(typed).toBeFocused();

  // A wrong name: Enter does nothing, the button stays disabled.
  await page.keyboard.type(`${name}-x`);
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Delete group" })).toBeDisabled();

  // Escape closes it and the group stays; reopened, the field starts empty.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(row).toBeVisible();
  await trigger.focus();
  await page.keyboard.press("Enter");
  await expect(typed).toHaveValue("");

  await page.keyboard.type(name);
  await page.keyboard.press("Enter");
  await expect(page.getByText(`Deleted host group ${name}.`)).toBeVisible();
  await expect(row).toHaveCount(0);
});
