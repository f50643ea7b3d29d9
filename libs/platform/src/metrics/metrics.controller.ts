import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../http/public.decorator';
import { metricsRegistry } from './metrics.registry';

@Controller('metrics')
export class MetricsController {
  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return metricsRegistry().metrics();
  }
}
