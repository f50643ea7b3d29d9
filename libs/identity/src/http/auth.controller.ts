import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import type { JwksDocument, Session, User } from '@chat/contracts';
import { CurrentUser, Public, type AuthUser } from '@chat/authn';
import { LoginService } from '../auth/login.service';
import { RegistrationService } from '../auth/registration.service';
import { SessionsService } from '../auth/sessions.service';
import { UsersService } from '../auth/users.service';
import { LoginDto } from '../dto/login.dto';
import { RefreshTokenDto } from '../dto/refresh-token.dto';
import { RegisterDto } from '../dto/register.dto';
import { KeyRing } from '../keys/key-ring';
import { ClientAddress } from './client-address.decorator';

@Controller('auth')
export class AuthController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly logins: LoginService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly keys: KeyRing,
  ) {}

  @Public()
  @Post('register')
  register(@Body() dto: RegisterDto, @ClientAddress() address: string): Promise<Session> {
    return this.registration.register(dto, address);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @ClientAddress() address: string): Promise<Session> {
    return this.logins.login(dto, address);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshTokenDto): Promise<Session> {
    return this.sessions.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  logout(@CurrentUser() me: AuthUser, @Body() dto: RefreshTokenDto): Promise<void> {
    return this.sessions.logout(me, dto.refreshToken);
  }

  @Get('me')
  me(@CurrentUser() me: AuthUser): Promise<User> {
    return this.users.get(me.userId);
  }

  @Public()
  @Get('jwks')
  jwks(): Promise<JwksDocument> {
    return this.keys.jwks();
  }
}
