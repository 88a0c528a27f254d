import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../principal';

export class PrincipalDto {
  /** The user id (`sub` of the token). */
  sub: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  /** The organisation (tenant) everything the caller sees is scoped to. */
  org: string;
}
