export { createPeopleService, type PeopleService } from './people.service.ts';
export { peopleRoutes } from './people.routes.ts';
export { createUserImportService, type UserImportService, type ImportReport } from './import-users.service.ts';
export { createRolesService, type RolesService } from './roles.service.ts';
