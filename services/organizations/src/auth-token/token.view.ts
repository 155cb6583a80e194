import { ApiProperty } from '@nestjs/swagger';

/** POST /auth/token's reply: a bearer access token and how long it lasts. */
export class TokenView {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ description: 'seconds' }) expiresIn!: number;
}
