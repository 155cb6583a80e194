import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, Viewer } from '@liaison/auth';
import { Public, UuidParam } from '@liaison/http';
import { CertificateView, certificateView, RevokedCertificateView } from './certificate.view';
import { CertificatesService } from './certificates.service';
import { RevokeCertificateDto } from './dto/revoke-certificate.dto';

@ApiTags('certificates')
@Controller('certificates')
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get(':id')
  @Public()
  @ApiOperation({
    summary: 'Verify a certificate (no token needed)',
    description: "The holder's name and organization (never the e-mail), course, session, date and issuing organizations. An unknown id is a 404. A revoked certificate has its revokedAt and revokeReason (both null while it stands): it no longer stands.",
  })
  @ApiOkResponse({ type: CertificateView })
  async verify(@UuidParam() id: string): Promise<CertificateView> {
    return certificateView(await this.certificates.verify(id));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke a certificate (publishes certificate.revoked)', description: 'By an officer of one of the organizing organizations of its session.' })
  @ApiOkResponse({ type: RevokedCertificateView })
  async revoke(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: RevokeCertificateDto): Promise<{ id: string; revokedAt: string; reason: string }> {
    const certificate = await this.certificates.revoke(viewer, id, input);
    return { id: certificate.id, revokedAt: certificate.revokedAt!.toISOString(), reason: certificate.revokeReason! };
  }
}
