package io.demandcast.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathStyleS3ClientBuilderFactoryTest {
  @Test
  void givenNameConstant_thenItIsTheClassName() {
    // the run command's help and LocalS3 select the factory by this constant
    assertThat(PathStyleS3ClientBuilderFactory.NAME)
        .isEqualTo(PathStyleS3ClientBuilderFactory.class.getName());
  }
}
