import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { listNotifications } from "../../services/notifications/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { ListNotificationsQuery, NotificationListSchema } from "./schema";

export const listNotificationsRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Notifications"],
  summary: "The email delivery log: every message with its status, attempts and last error",
  permission: "notifications:read",
  request: { query: ListNotificationsQuery },
  responses: {
    200: jsonContent(NotificationListSchema, "A page of notifications, newest first"),
    ...openApiErrorResponses,
  },
});

export function registerListNotifications(app: AppOpenAPI) {
  app.openapi(listNotificationsRoute, async (c) =>
    c.json(await listNotifications(serviceContext(c), c.req.valid("query")), 200),
  );
}
