import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../http/public.decorator';
import { MetricsRegistry } from './metrics.registry';

@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
