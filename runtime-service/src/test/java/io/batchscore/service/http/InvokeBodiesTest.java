package io.batchscore.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InvokeBodiesTest {

  /** The body of the seed's rest/invoke.sh, trailing commas and all. */
  static String seedBody(String dataName, String dataVersion, String outputPath) {
    return """
        {
            "properties": {
                "inputData": {
                    "uriFolder": {
                        "uri": "/subscriptions/0000-1111/resourceGroups/rg/providers/\
        Microsoft.MachineLearningServices/workspaces/ws/data/%s/versions/%s",
                        "jobInputType": "UriFolder"
                    },
                },
                "outputData": {
                    "uriFile": {
                        "uri": "azureml://datastores/workspaceblobstore/paths/%s/\
        batch-endpoint-output.csv",
                        "jobOutputType": "UriFile"
                    },
                },
            },
        }
        """
        .formatted(dataName, dataVersion, outputPath);
  }

  @Test
  void theSeedsBodyNamesTheDataAssetAndTheOutputFile() {
    InvokeRequest request = InvokeBodies.parse(seedBody("dataset-invoke-batch", "1", "ep1"));
    assertThat(request)
        .isEqualTo(
            new InvokeRequest(
                "azureml:dataset-invoke-batch:1",
                "uri_folder",
                "azureml://datastores/workspaceblobstore/paths/ep1/batch-endpoint-output.csv",
                "uri_file"));
  }

  @Test
  void theArticlesOlderDatasetFormIsRead() {
    InvokeRequest request =
        InvokeBodies.parse(
            """
        {"properties": {"dataset": {"dataInputType": "DatasetVersion",
          "datasetName": "dataset-invoke-batch", "datasetVersion": "2"},
         "outputDataset": {"datastoreId": "/subscriptions/s/resourceGroups/r/providers/\
        Microsoft.MachineLearningServices/workspaces/w/datastores/workspaceblobstore",
          "path": "endpoint-1"}}}""");
    assertThat(request)
        .isEqualTo(
            new InvokeRequest(
                "azureml:dataset-invoke-batch:2",
                "uri_folder",
                "azureml://datastores/workspaceblobstore/paths/endpoint-1",
                "uri_folder"));
    assertThat(InvokeBodies.parse("{\"properties\": {\"dataset\": {\"datasetName\": \"d\"}}}"))
        .isEqualTo(new InvokeRequest("azureml:d@latest", "uri_folder", null, null));
  }

  @Test
  void theNewerCapitalizedFormIsRead() {
    InvokeRequest request =
        InvokeBodies.parse(
            """
        {"properties": {"InputData": {"mnistinput": {"JobInputType": "UriFile",
          "Uri": "azureml://datastores/workspaceblobstore/paths/in/one.png"}},
         "OutputData": {"score": {"JobOutputType": "UriFolder", "Uri": "file:///srv/out"}}}}""");
    assertThat(request)
        .isEqualTo(
            new InvokeRequest(
                "azureml://datastores/workspaceblobstore/paths/in/one.png",
                "uri_file",
                "/srv/out",
                "uri_folder"));
    assertThat(request.inputIsLocal()).isFalse();
    assertThat(request.outputIsLocal()).isTrue();
  }

  @Test
  void errorsNameTheField() {
    assertThatThrownBy(() -> InvokeBodies.parse("{\"properties\": {"))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("body: not valid JSON");
    assertThatThrownBy(() -> InvokeBodies.parse("{}"))
        .hasMessageStartingWith("properties: missing");
    assertThatThrownBy(() -> InvokeBodies.parse("{\"properties\": {\"inputData\": {\"a\": {}}}}"))
        .hasMessageStartingWith("properties.inputData.a.uri: missing");
    assertThatThrownBy(
            () ->
                InvokeBodies.parse(
                    "{\"properties\": {\"inputData\": {\"a\": "
                        + "{\"uri\": \"/x\", \"jobInputType\": \"MLTable\"}}}}"))
        .hasMessageStartingWith("properties.inputData.a.jobInputType: 'MLTable'");
    assertThatThrownBy(
            () ->
                InvokeBodies.parse(
                    "{\"properties\": {\"inputData\": {"
                        + "\"a\": {\"uri\": \"/x\"}, \"b\": {\"uri\": \"/y\"}}}}"))
        .hasMessageStartingWith("properties.inputData: expected one named input, found 2");
    assertThatThrownBy(
            () ->
                InvokeBodies.parse(
                    "{\"properties\": {\"dataset\": "
                        + "{\"datasetName\": \"d\"}, \"outputDataset\": {\"datastoreId\": \"x\", \"path\": \"p\"}}}"))
        .hasMessageStartingWith("properties.outputDataset.datastoreId: 'x'");
    assertThat(((ApiException) catchThrowable("{}")).status()).isEqualTo(400);
  }

  private static Throwable catchThrowable(String body) {
    try {
      InvokeBodies.parse(body);
      return null;
    } catch (ApiException e) {
      return e;
    }
  }
}
