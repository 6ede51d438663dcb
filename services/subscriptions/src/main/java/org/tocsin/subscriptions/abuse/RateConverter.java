package org.tocsin.subscriptions.abuse;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Binds {@code count/period} strings of the configuration to {@link Rate}s. */
@Component
@ConfigurationPropertiesBinding
class RateConverter implements Converter<String, Rate> {

  @Override
  public Rate convert(String source) {
    return Rate.parse(source);
  }
}
