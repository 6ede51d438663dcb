package org.tocsin.dispatcher.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.tocsin.dispatcher.sending.ChannelGateways;
import org.tocsin.events.v1.Channel;

/** A channel application made of dispatcher-core and a recording gateway. */
@SpringBootApplication
public class TestDispatcherApplication {

  @Bean
  RecordingGateway recordingGateway() {
    return new RecordingGateway();
  }

  @Bean
  ChannelGateways channelGateways(RecordingGateway gateway) {
    return ChannelGateways.of(Channel.SMS, gateway);
  }
}
